import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { parseEnv } from '@/lib/env';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless a trusted proxy is configured', () => {
    expect(clientAddress('203.0.113.7', false)).toBeNull();
    expect(parseEnv({}).TRUSTED_PROXY).toBe(false);
    expect(parseEnv({ TRUSTED_PROXY: 'true' }).TRUSTED_PROXY).toBe(true);
    expect(() => parseEnv({ TRUSTED_PROXY: 'yes please' })).toThrow(/TRUSTED_PROXY/);
  });

  it("behind the proxy, takes the last entry (the proxy's own), not what the client wrote", () => {
    expect(clientAddress('1.1.1.1, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress(['1.1.1.1', ' 2001:DB8::1 '], true)).toBe('2001:db8::1');
    expect(clientAddress('::ffff:203.0.113.7', true)).toBe('203.0.113.7');
  });

  it('refuses anything that is not an address', () => {
    for (const bad of [undefined, '', 'evil', '203.0.113.7, not-an-ip', 'x'.repeat(5000), 42])
      expect(clientAddress(bad, true)).toBeNull();
  });
});
