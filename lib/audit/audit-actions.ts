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
};

export const AUDIT_TARGET_TYPES = ['user', 'location', 'sync'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Who acted: the signed-in admin, or the user a set-password link belongs to. */
export type AuditActor = { id: string | null; email: string };

/** A before/after value: plain JSON, never a secret (writeAuditEntry refuses secret-looking keys). */
export type AuditValue = { [key: string]: AuditJson };
export type AuditJson =
  string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };
