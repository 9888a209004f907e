import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { run as locationToken } from '@/scripts/commands/location-token';
import { run as status } from '@/scripts/commands/status';
import { run as sync } from '@/scripts/commands/sync';
import type { CliCommand } from '@/scripts/lib/cli-io';
import { captureCli, type CliRun } from '@/tests/cli';
import { createHarness, type SyncHarness } from './helpers';

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'strict', locations: 3 });
  Object.assign(process.env, {
    DATABASE_URL: h.t.url,
    GHL_API_BASE_URL: h.sim.url,
    GHL_API_TOKEN: h.sim.agencyToken,
    GHL_COMPANY_ID: h.sim.companyId,
    APP_ENCRYPTION_KEY: h.key.toString('hex'),
    SYNC_CONCURRENCY: '3',
  });
  resetEnvCache();
});
afterAll(async () => {
  await h.close();
});

async function cli(
  command: CliCommand,
  args: string[],
  options: { stdin?: string; isTTY?: boolean } = {},
): Promise<CliRun> {
  const { code, out, err } = await captureCli(command, args, options);
  if (process.env.SHOW_CLI)
    console.log(`$ ${args.join(' ')} → ${code}\n--- stdout\n${out}--- stderr\n${err}`);
  return { code, out, err };
}

const ids = () => h.sim.world.locations.map((l) => l.id);

describe('CLI: location-token, sync, status', () => {
  it('stores tokens encrypted and never prints them', async () => {
    const [l0, l1] = ids();
    // Nothing is discovered yet: a token for an id the cache does not know is refused, unless
    // --allow-unknown says the next sync will find it.
    const refused = await cli(locationToken, ['set', l0 ?? ''], { stdin: 'pit-never-read\n' });
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toContain(`no location "${l0}" is known yet`);
    expect(refused.err).toContain('--allow-unknown');
    expect(await h.db.locationToken.count()).toBe(0);
    for (const id of [l0, l1]) {
      const token = h.sim.world.locationToken(id ?? '');
      const set = await cli(locationToken, ['set', id ?? '', '--allow-unknown'], {
        stdin: `${token}\n`,
      });
      expect(set.code).toBe(0);
      expect(set.out).toMatch(/fingerprint [0-9a-f]{12}/);
      expect(set.out + set.err).not.toContain(token);
    }
    const list = await cli(locationToken, ['list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain(l0);
    expect(list.out).toContain(l1);
    for (const id of ids()) expect(list.out).not.toContain(h.sim.world.locationToken(id));
    const stored = await h.db.locationToken.findMany();
    for (const row of stored)
      expect(row.ciphertext).not.toContain(h.sim.world.locationToken(row.locationId));
    expect(
      (await cli(locationToken, ['set', l0 ?? '', '--allow-unknown'], { stdin: '  \n' })).code,
    ).toBe(1);
    expect((await cli(locationToken, ['list', '--allow-unknown'])).code).toBe(1);
    expect((await cli(locationToken, ['frobnicate'])).code).toBe(1);
  });

  it('sync exits 2 and names the unavailable location with the fix; status explains it', async () => {
    const l2 = ids()[2] ?? '';
    const result = await cli(sync, []);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/\[3\/3\]/);
    expect(result.out).toContain('3 location(s), 2 complete, 1 with problems');
    expect(result.err).toContain(l2);
    expect(result.err).toContain('scope_missing');
    expect(result.err).toContain('The token is not authorized for this scope.');
    expect(result.err).toContain(`npm run cli -- location-token set ${l2}`);
    expect(result.err).toContain('contacts.readonly');

    const shown = await cli(status, []);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Last sync run: incremental (cli), partial');
    expect(shown.out).toContain(`${l2}`);
    expect(shown.out).toContain('never synced completely');
    expect(shown.out).toContain(
      `fix: Create a Private Integration in this sub-account with scopes contacts.readonly`,
    );
    expect(shown.out).toMatch(/last complete sync .*fresh/);
  });

  it('sync exits 0 once every location has a token, with a progress bar on a terminal', async () => {
    const l2 = ids()[2] ?? '';
    expect(
      (await cli(locationToken, ['set', l2], { stdin: h.sim.world.locationToken(l2) })).code,
    ).toBe(0);
    const result = await cli(sync, ['--full'], { isTTY: true });
    expect(result.code).toBe(0);
    expect(result.err).toContain('\r');
    expect(result.err).toMatch(/\[█+\] 3\/3 locations/);
    expect(result.out).toContain('Full sync: 3 location(s), 3 complete;');
    const one = await cli(sync, ['--location', l2]);
    expect(one.code).toBe(0);
    expect(one.out).toContain('1 location(s), 1 complete');
    const shown = await cli(status, []);
    expect(shown.out).not.toContain('fix:');
  });

  it('sync exits 1 on a revoked agency token and on bad arguments; remove works', async () => {
    h.sim.setFaults({ revokedAgencyToken: true });
    const before = await h.db.contact.count();
    const result = await cli(sync, []);
    expect(result.code).toBe(1);
    expect(result.err).toContain('GHL rejected the agency token');
    expect(result.err).toContain('cached data is unchanged');
    expect(await h.db.contact.count()).toBe(before);
    h.sim.resetFaults();

    expect((await cli(sync, ['--bogus'])).code).toBe(1);
    expect((await cli(sync, ['--location', 'nope'])).code).toBe(1);
    const l2 = ids()[2] ?? '';
    expect((await cli(locationToken, ['remove', l2])).code).toBe(0);
    expect((await cli(locationToken, ['remove', l2])).code).toBe(1);

    // Every change from the shell is in the audit log as the CLI, by fingerprint only.
    const audit = await h.db.auditLogEntry.findMany({ orderBy: { at: 'asc' } });
    const byKey = (rows: (string | null | undefined)[][]) => rows.map((r) => r.join(' ')).sort();
    expect(byKey(audit.map((e) => [e.actorEmail, e.action, e.targetId]))).toEqual(
      byKey([
        ['cli', 'token.set', ids()[0]],
        ['cli', 'token.set', ids()[1]],
        ['cli', 'token.set', l2],
        ['cli', 'token.remove', l2],
      ]),
    );
    expect(audit.find((e) => e.action === 'token.set' && e.targetId === l2)?.after).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
      missingScopes: null,
    });
    for (const id of ids())
      expect(JSON.stringify(audit)).not.toContain(h.sim.world.locationToken(id));
  });
});
