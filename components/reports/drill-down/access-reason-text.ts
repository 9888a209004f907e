import type { EntityAccess } from '@/lib/metrics/get-location-detail';

/** What each stored access status means for a person, and what usually fixes it. */
const STATUS_TEXT: Record<string, string> = {
  scope_missing: 'the token is missing the scope needed to read it',
  forbidden: 'GoHighLevel refused access to it',
  token_revoked: 'the token was revoked or has expired',
  budget_exhausted: 'the API request budget ran out before it could be read',
  error: 'reading it failed',
  ok: 'it has not finished a sync yet',
  unknown: 'it has never been read',
};

/** Why an entity is unavailable, in words ("the token is missing the scope needed to read it"). */
export function accessReasonText(access: Pick<EntityAccess, 'status'>): string {
  return STATUS_TEXT[access.status] ?? 'it could not be read';
}
