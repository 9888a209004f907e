import 'server-only';

import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { canViewLocation } from '@/lib/auth/can-view-location';
import { getSessionUser } from '@/lib/auth/get-session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { db, type Db } from '@/lib/db/client';
import { AppError, invalidInput, type ErrorDetail } from '@/lib/errors';
import { toActionFailure } from '@/lib/handle-error';
import { ROLES, type Role } from '@/lib/users/user-schema';

/*
 * The one way to write a server action. A server action is a public POST endpoint: whatever the
 * page that shows the form checked, anyone can call it with any arguments. So every action gets,
 * in this order: the session, re-read from the database (`unauthenticated`); the role
 * (`forbidden`); the input through its zod schema (`invalid_input` with one message per field);
 * and, when the input names locations, the user's location scope (`not_found`, as the routes
 * answer, so other locations' ids are not confirmed). Only then the handler runs, and whatever it
 * throws leaves through the one error mapping (lib/handle-error.ts). Callers get a typed result,
 * never a throw (Next's redirect/notFound excepted).
 */

/** What every server action returns: its data, or the one error shape (lib/errors.ts). */
export type ActionResult<Data> = { ok: true; data: Data } | { ok: false; error: ErrorDetail };

/** What a handler gets besides its input: the signed-in user (fresh from the database) and db. */
export type ActionContext = { user: SessionUser; db: Db };

export type ActionDefinition<Schema extends z.ZodType, Data> = {
  /** `<domain>/<verb-noun>`, as the file is named; used in logs. */
  name: string;
  /** Validates the untrusted input (a FormData is read into a plain object first). */
  input: Schema;
  /** Who may call it; every signed-in role unless narrowed. */
  roles?: readonly Role[];
  /** The locations the input names; each must be one the user may see. */
  locationIds?: (input: z.output<Schema>) => readonly string[];
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<Data>;
};

/** A server action as callers see it: a form's FormData or the schema's input, a typed result. */
export type AuthorizedAction<Input, Data> = (
  input: FormData | Input,
) => Promise<ActionResult<Data>>;

const ACTION_BRAND = Symbol.for('agency-pulse.authorized-action');
const ROLES_BRAND = Symbol.for('agency-pulse.authorized-action.roles');

/** A form's fields as a plain object (Next's own `$ACTION_…` fields left out). */
function readInput(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of input.entries()) if (!key.startsWith('$ACTION_')) fields[key] = value;
  return fields;
}

/**
 * Builds a server action on the checks above. Export its result from a `'use server'` file
 * `lib/actions/<domain>/<verb-noun>.ts`; the result is branded so a test can prove every action
 * is built here.
 */
export function authorizedAction<Schema extends z.ZodType, Data>(
  definition: ActionDefinition<Schema, Data>,
): AuthorizedAction<z.input<Schema>, Data> {
  const roles = definition.roles ?? ROLES;
  const action = async (rawInput: unknown): Promise<ActionResult<Data>> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
      if (!roles.includes(user.role))
        throw new AppError('forbidden', 'Your account is not allowed to do this.');

      const parsed = definition.input.safeParse(readInput(rawInput));
      if (!parsed.success) throw invalidInput(parsed.error);
      const input: z.output<Schema> = parsed.data;

      const named = definition.locationIds?.(input) ?? [];
      if (!named.every((locationId) => canViewLocation(user, locationId)))
        throw new AppError('not_found', 'No such location.');

      return { ok: true, data: await definition.handler(input, { user, db: db() }) };
    } catch (error) {
      // redirect() and notFound() are Next's control flow, not failures.
      unstable_rethrow(error);
      return toActionFailure(error, `action ${definition.name}`);
    }
  };
  Object.defineProperty(action, ACTION_BRAND, { value: definition.name });
  Object.defineProperty(action, ROLES_BRAND, { value: Object.freeze([...roles]) });
  return action;
}

/** The action's name when `value` was built with `authorizedAction`, otherwise null. */
export function authorizedActionName(value: unknown): string | null {
  if (typeof value !== 'function') return null;
  const name = (value as { [ACTION_BRAND]?: unknown })[ACTION_BRAND];
  return typeof name === 'string' ? name : null;
}

/** The roles an action built with `authorizedAction` lets in, or null for anything else. */
export function authorizedActionRoles(value: unknown): readonly Role[] | null {
  if (typeof value !== 'function') return null;
  const roles = (value as { [ROLES_BRAND]?: unknown })[ROLES_BRAND];
  return Array.isArray(roles) ? (roles as readonly Role[]) : null;
}
