import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with node:crypto scrypt (memory-hard, no dependency). Stored as
 * `scrypt$N$r$p$<salt>$<hash>` (base64url), so the cost can be raised without breaking existing
 * hashes: verification reads the parameters from the stored string, and a sign-in with a hash of
 * another cost stores a new one (`needsRehash`). The cost is OWASP's minimum for scrypt, N=2^17,
 * r=8, p=1: 128 MiB and about a third of a second per hash here. Tests use the same cost.
 */
export const COST = { N: 131_072, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
/** Refuse stored parameters beyond this (a tampered row must not make a login eat the server). */
const MAX_N = 1 << 20;

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_LENGTH, {
    ...COST,
    maxmem: 256 * COST.N * COST.r * COST.p + 1024 * 1024,
  });
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/**
 * Whether a password matches a stored hash (constant-time comparison). A malformed or
 * unsupported stored hash never matches; it does not throw.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const isSane =
    Number.isInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    salt.length >= 8 &&
    expected.length >= 16;
  if (!isSane) return false;
  try {
    const actual = await derive(password, salt, expected.length, {
      N,
      r,
      p,
      maxmem: 256 * N * r * p + 1024 * 1024,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * Whether a stored hash was made with other parameters than today's `COST` (an older, cheaper
 * one): after a successful sign-in the password is hashed again. False for a malformed value.
 */
export function needsRehash(stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  return N !== COST.N || r !== COST.r || p !== COST.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for sign-ins with an unknown email, so response
 * times do not reveal which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
