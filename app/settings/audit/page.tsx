import type { Metadata } from 'next';
import { AuditLogView } from '@/components/settings/audit-log-view';
import { SettingsFrame } from '@/components/settings/settings-frame';
import { auditFiltersSchema, listAuditEntries } from '@/lib/audit/list-audit-entries';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

/** `/settings/audit` (admins): who did what and when, filtered by actor, action and period. */
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireAdmin('/settings/audit');
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const filters = auditFiltersSchema.parse({
    actor: first(params.actor) || undefined,
    action: first(params.action) || undefined,
    from: first(params.from) || undefined,
    to: first(params.to) || undefined,
    before: first(params.before) || undefined,
  });
  const page = await listAuditEntries(db(), filters);
  return (
    <SettingsFrame
      user={user}
      current="audit"
      title="Audit log"
      subtitle="Users, grants, tokens and sync requests: who did what and when. Tokens appear by fingerprint only."
    >
      <AuditLogView filters={filters} page={page} />
    </SettingsFrame>
  );
}
