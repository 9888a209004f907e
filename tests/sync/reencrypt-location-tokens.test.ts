import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { readLocationToken, setLocationToken } from '@/lib/sync/location-tokens';
import { reencryptTokens } from '@/tests/cli';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();
const OLD = randomBytes(32);
const NEW = randomBytes(32);
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
  resetEnvCache();
});

const reencrypt = () => reencryptTokens({ databaseUrl: t.url, key: NEW, previousKey: OLD });

describe('location-token re-encrypt (APP_ENCRYPTION_KEY rotation)', () => {
  it('moves every token from the previous key to the new one, idempotently, never printing one', async () => {
    await setLocationToken(t.db, 'loc_a', 'pit-aaaaaaaa-1111', OLD);
    await setLocationToken(t.db, 'loc_b', 'pit-bbbbbbbb-2222', OLD);
    await setLocationToken(t.db, 'loc_x', 'pit-xxxxxxxx-3333', randomBytes(32));

    const first = await reencrypt();
    expect(first).toEqual({
      code: 1,
      out: 'Re-encrypted 2 token(s) with the new key; 0 already used it.\n',
      err: 'Readable with neither key (set them again): loc_x\n',
    });
    expect(await readLocationToken(t.db, 'loc_a', NEW)).toBe('pit-aaaaaaaa-1111');
    expect(await readLocationToken(t.db, 'loc_b', NEW)).toBe('pit-bbbbbbbb-2222');
    await expect(readLocationToken(t.db, 'loc_a', OLD)).rejects.toThrow();

    const again = await reencrypt();
    expect(again.out).toBe('Re-encrypted 0 token(s) with the new key; 2 already used it.\n');
    expect(`${first.out}${first.err}${again.out}`).not.toMatch(/pit-[a-z]/);
  });
});
