import 'server-only';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * Whether `signature` (the `x-wh-signature` header: base64) is GHL's RSA-SHA256 signature of
 * exactly these body bytes under `publicKeyPem`. Verifies the raw bytes as received — never a
 * re-serialised JSON, which would differ in spacing or key order. A missing, non-base64 or wrong
 * signature is simply false.
 */
export function verifyGhlSignature(
  rawBody: Uint8Array,
  signature: string | null,
  publicKeyPem: string,
): boolean {
  if (!signature || !/^[A-Za-z0-9+/=\s]+$/.test(signature)) return false;
  let key = keys.get(publicKeyPem);
  if (!key) {
    key = createPublicKey(publicKeyPem);
    keys.set(publicKeyPem, key);
  }
  try {
    return verify('sha256', rawBody, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
