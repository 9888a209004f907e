import { z } from 'zod';

/**
 * The vocabulary of the audit log (`audit_log.action`): what an admin (or a set-password link)
 * did. Plain data, safe for the browser (the filter's options).
 */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.update',
  'user.remove',
  'user.password_link',
  'user.password_set',
  'token.set',
  'token.remove',
  'sync.request',
  'schedule.create',
  'schedule.update',
  'schedule.delete',
  'schedule.pause',
  'schedule.resume',
  'oauth.connect',
  'oauth.disconnect',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** How each action reads on the audit page. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'user.create': 'Added a user',
  'user.update': 'Changed role or locations',
  'user.remove': 'Removed a user',
  'user.password_link': 'Issued a set-password link',
  'user.password_set': 'Set a password through a link',
  'token.set': 'Stored a location token',
  'token.remove': 'Removed a location token',
  'sync.request': 'Requested a sync',
  'schedule.create': 'Created an email schedule',
  'schedule.update': 'Changed an email schedule',
  'schedule.delete': 'Deleted an email schedule',
  'schedule.pause': 'Paused an email schedule',
  'schedule.resume': 'Resumed an email schedule',
  'oauth.connect': 'Connected GoHighLevel (Marketplace app)',
  'oauth.disconnect': 'Disconnected GoHighLevel',
};

export const AUDIT_TARGET_TYPES = ['user', 'location', 'sync', 'schedule', 'connection'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Who acted: the signed-in admin, or the user a set-password link belongs to. */
export type AuditActor = { id: string | null; email: string };

/** Who a change made with `npm run cli` acts as: the shell, not a signed-in user. */
export const CLI_ACTOR: AuditActor = { id: null, email: 'cli' };

/** A before/after value: plain JSON, never a secret (writeAuditEntry refuses secret-looking keys). */
export type AuditValue = { [key: string]: AuditJson };
export type AuditJson =
  string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
