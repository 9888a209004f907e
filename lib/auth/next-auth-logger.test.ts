import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextAuthLogger } from './next-auth-logger';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('nextAuthLogger', () => {
  it('writes one short line for a garbage session cookie, never the stack', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = new Error('Invalid Compact JWE\nmore detail');
    error.name = '';
    nextAuthLogger.error?.('JWT_SESSION_ERROR', { error, message: error.message });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toBe('[agency-pulse] next-auth JWT_SESSION_ERROR: Invalid Compact JWE');
    expect(line).not.toContain('\n');
  });

  it('redacts and shortens what it writes', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    nextAuthLogger.error?.('X', new Error(`token pit-abcdef0123456789 ${'y'.repeat(500)}`));
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).not.toContain('abcdef0123456789');
    expect(line.length).toBeLessThan(260);
  });
});
