import type { EntityHealthStatus } from '@/lib/metrics/get-sync-health';

/**
 * "12 min ago", "3 h ago", "2 days ago" (or "in 8 min") for an instant, measured from the moment
 * the server read the figures, so the server render and the browser render agree.
 */
export function formatRelative(iso: string, fromIso: string): string {
  const diffMs = new Date(fromIso).getTime() - new Date(iso).getTime();
  if (!Number.isFinite(diffMs)) return iso;
  const isFuture = diffMs < 0;
  const minutes = Math.round(Math.abs(diffMs) / 60_000);
  let text: string;
  if (minutes < 1) return isFuture ? 'in under a minute' : 'just now';
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / 1440)} days`;
  return isFuture ? `in ${text}` : `${text} ago`;
}

/** What each entity status is called on the page (the stored code stays in a title). */
export const STATUS_LABELS: Record<EntityHealthStatus, string> = {
  ok: 'OK',
  pending: 'not synced yet',
  never: 'not read yet',
  scope_missing: 'scope missing',
  forbidden: 'forbidden',
  token_revoked: 'token revoked',
  budget_exhausted: 'budget used up',
  error: 'error',
};

/** Entity names as people say them. */
export const ENTITY_LABELS = {
  contacts: 'Contacts',
  opportunities: 'Opportunities',
  pipelines: 'Pipelines',
  transactions: 'Transactions',
  orders: 'Orders',
  subscriptions: 'Subscriptions',
} as const;
