import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (sub-account Private Integration Tokens).
 * Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url parts). The optional `context` (e.g. the
 * location id) is bound as additional authenticated data, so a ciphertext copied onto another
 * row fails to decrypt instead of silently becoming that row's secret.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Raised when a stored secret cannot be decrypted: wrong key, tampered or malformed payload. */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function assertKey(key: Buffer): void {
  if (key.length !== 32)
    throw new Error(`AES-256-GCM needs a 32-byte key, got ${key.length} bytes`);
}

/** Encrypts `plaintext` with a fresh random IV; `context` must be given again to decrypt. */
export function encryptSecret(plaintext: string, key: Buffer, context = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Decrypts a value made by `encryptSecret`; throws DecryptionError on any mismatch or tampering. */
export function decryptSecret(payload: string, key: Buffer, context = ''): string {
  assertKey(key);
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new DecryptionError('The stored secret is not in the expected v1 format.');
  }
  const [, ivText = '', tagText = '', dataText = ''] = parts;
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('The stored secret is malformed (bad IV or tag length).');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(Buffer.from(dataText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new DecryptionError(
      'The stored secret could not be decrypted: APP_ENCRYPTION_KEY differs from the key it was stored with, or the value was altered.',
    );
  }
}
