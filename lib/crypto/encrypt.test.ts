import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret } from './encrypt';

const key = randomBytes(32);

function flipChar(text: string, index: number): string {
  const c = text[index];
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips and uses a fresh IV every time', () => {
    const a = encryptSecret('pit-12345-secret', key, 'loc_1');
    const b = encryptSecret('pit-12345-secret', key, 'loc_1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('pit-12345');
    expect(decryptSecret(a, key, 'loc_1')).toBe('pit-12345-secret');
    expect(decryptSecret(b, key, 'loc_1')).toBe('pit-12345-secret');
  });

  it('detects a tampered ciphertext, tag or IV', () => {
    const sealed = encryptSecret('pit-abcdef', key, 'loc_1');
    const [v, iv = '', tag = '', data = ''] = sealed.split('.');
    for (const broken of [
      [v, iv, tag, flipChar(data, 0)],
      [v, iv, flipChar(tag, 2), data],
      [v, flipChar(iv, 1), tag, data],
    ]) {
      expect(() => decryptSecret(broken.join('.'), key, 'loc_1')).toThrow(DecryptionError);
    }
  });

  it('refuses another key, another context and malformed input', () => {
    const sealed = encryptSecret('pit-abcdef', key, 'loc_1');
    expect(() => decryptSecret(sealed, randomBytes(32), 'loc_1')).toThrow(DecryptionError);
    expect(() => decryptSecret(sealed, key, 'loc_2')).toThrow(DecryptionError);
    expect(() => decryptSecret('plain', key)).toThrow(DecryptionError);
    expect(() => decryptSecret('v1.AA.BB.CC', key)).toThrow(DecryptionError);
    expect(() => encryptSecret('x', randomBytes(16))).toThrow(/32-byte/);
  });
});
