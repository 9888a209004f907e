import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the algorithm and its cost with a random salt, never the password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password!'),
      hashPassword('same password!'),
    ]);
    // OWASP's minimum for scrypt: N=2^17, r=8, p=1.
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(needsRehash(a)).toBe(false);
    expect(needsRehash(a.replace('$131072$', '$16384$'))).toBe(true);
    expect(needsRehash('not a hash')).toBe(false);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('reads the cost from the stored hash, so older hashes keep working', async () => {
    const hash = await hashPassword('long enough password');
    const [, , r, p, salt, key] = hash.split('$');
    // Same salt and key with a different N must not match (the parameters really are used).
    expect(
      await verifyPassword('long enough password', ['scrypt', 1024, r, p, salt, key].join('$')),
    ).toBe(false);
  });

  it('never matches a malformed or unsupported stored value, and never throws', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$x$8$1$abc$def',
      'bcrypt$2b$10$abc',
      'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    ]) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('treats canonically equivalent Unicode the same (NFKC)', async () => {
    const hash = await hashPassword('caf\u00e9 au lait 123');
    expect(await verifyPassword('cafe\u0301 au lait 123', hash)).toBe(true);
  });

  it('spends a verification on unknown users and always says no', async () => {
    expect(await verifyAgainstDummy('whatever password')).toBe(false);
  });
});
