'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { overviewColumnsSchema } from '@/lib/metrics/overview-columns';
import { saveOverviewColumns } from '@/lib/users/save-overview-columns';

/**
 * The roll-up table's column chooser: a signed-in user (admin or staff) stores which columns they
 * see. Their own choice only: the user comes from the session, never from the input; the columns
 * are the registry's choosable keys (nothing about locations, so no location scope).
 */
export const saveTableColumns = authorizedAction({
  name: 'preferences/save-table-columns',
  input: overviewColumnsSchema,
  roles: ['admin', 'staff'],
  handler: async (input, { user, db }) => ({
    columns: await saveOverviewColumns(db, user.id, input.columns),
  }),
});
