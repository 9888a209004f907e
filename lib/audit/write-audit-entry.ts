import 'server-only';

import type { Prisma } from '@/lib/db/generated/client';
import type {
  AuditAction,
  AuditActor,
  AuditJson,
  AuditTargetType,
  AuditValue,
} from './audit-actions';

/** Anything that can insert an audit row: the client, or the transaction of the change itself. */
export type AuditWriter = Pick<Prisma.TransactionClient, 'auditLogEntry'>;

export type AuditEntryInput = {
  actor: AuditActor;
  action: AuditAction;
  target: { type: AuditTargetType; id: string | null; label?: string | null };
  before?: AuditValue | null;
  after?: AuditValue | null;
};

/**
 * Keys that name a secret. A token is recorded by its `fingerprint`; a password, a hash, a
 * set-password link or a ciphertext never. Checked on every key at any depth.
 */
const SECRET_KEY = /password|secret|hash|ciphertext|^token$|token$|link$/i;
const ALLOWED_KEY = /fingerprint|^tokenKind$/i;

/** Thrown (a bug, not bad input) when a before/after value carries a secret-looking key. */
export class AuditSecretError extends Error {
  override name = 'AuditSecretError';
}

function assertNoSecrets(value: AuditJson | undefined, path: string): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && !ALLOWED_KEY.test(key))
      throw new AuditSecretError(
        `audit value ${path}.${key} looks like a secret; record a fingerprint`,
      );
    assertNoSecrets(item, `${path}.${key}`);
  }
}

/**
 * Appends one entry to the audit log. Pass the transaction that makes the change, so the entry
 * exists exactly when the change does. Throws AuditSecretError when `before`/`after` has a key
 * that names a secret (password, hash, token, link…): only fingerprints may be recorded.
 */
export async function writeAuditEntry(writer: AuditWriter, entry: AuditEntryInput): Promise<void> {
  assertNoSecrets(entry.before ?? null, 'before');
  assertNoSecrets(entry.after ?? null, 'after');
  await writer.auditLogEntry.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetLabel: entry.target.label ?? null,
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
