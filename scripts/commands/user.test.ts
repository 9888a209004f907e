import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/lib/auth/session-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { resetEnvCache } from '@/lib/env';
import { run } from '@/scripts/commands/user';
import type { CliIo } from '@/scripts/lib/cli-io';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation } from '@/tests/metrics/seed';

let t: TestDatabase;

/** Runs the command with `input` piped to stdin (not a terminal), capturing both outputs. */
async function cli(
  args: string[],
  input = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const stdin = new PassThrough();
  stdin.end(input);
  const io: CliIo = { stdout: out, stderr: err, stdin, isTTY: false };
  const code = await run(args, io);
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString('utf8'),
    stderr: Buffer.concat(chunks.err).toString('utf8'),
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha' });
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => {
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
});

describe('user add', () => {
  it('adds a staff user with the password from stdin, never echoing it', async () => {
    const result = await cli(
      [
        'add',
        '--email',
        'Sam@Example.com',
        '--name',
        'Sam Staff',
        '--role',
        'staff',
        '--locations',
        'loc_a, loc_new',
      ],
      'sam-secret-password\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'added staff sam@example.com (Sam Staff), who sees 2 location(s): loc_a, loc_new\n',
    );
    expect(result.stderr).toBe(
      'warning: location loc_new is not in the cache yet; it will show once a sync finds it\n',
    );
    expect(result.stdout + result.stderr).not.toContain('sam-secret-password');
    expect(
      await verifyCredentials(t.db, 'k'.repeat(32), {
        email: 'sam@example.com',
        password: 'sam-secret-password',
      }),
    ).not.toBeNull();
  });

  it('adds an admin (CRLF input is fine)', async () => {
    const result = await cli(
      ['add', '--email=ada@example.com', '--name=Ada', '--role=admin'],
      'ada-secret-password\r\n',
    );
    expect(result).toMatchObject({
      code: 0,
      stdout: 'added admin ada@example.com (Ada), who sees every location\n',
    });
  });

  it.each([
    [
      ['add', '--email', 'x@example.com', '--name', 'X'],
      'long-enough-password\n',
      /user add: missing --role/,
    ],
    [
      ['add', '--email', 'x@example.com', '--name', 'X', '--role', 'owner'],
      'long-enough-password\n',
      /--role: expected admin or staff/,
    ],
    [
      ['add', '--email', 'nope', '--name', 'X', '--role', 'staff'],
      'long-enough-password\n',
      /--email: expected an email address/,
    ],
    [
      ['add', '--email', 'x@example.com', '--name', 'X', '--role', 'admin', '--locations', 'loc_a'],
      'long-enough-password\n',
      /--locations: admins see every location/,
    ],
    [
      ['add', '--email', 'x@example.com', '--name', 'X', '--role', 'admin'],
      'short\n',
      /user add: password: expected at least 12 characters/,
    ],
    [
      ['add', '--email', 'x@example.com', '--name', 'X', '--role', 'admin'],
      '',
      /no password on stdin/,
    ],
    [
      ['add', '--email', 'ada@example.com', '--name', 'X', '--role', 'admin'],
      'long-enough-password\n',
      /already exists/,
    ],
    [['add', '--bogus'], '', /user add: Unknown option '--bogus'/],
    [['frobnicate'], '', /user: unknown action "frobnicate"/],
  ])('refuses %j with a message and exit code 1', async (args, input, message) => {
    const result = await cli(args, input);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('long-enough-password');
  });
});

describe('user add on a terminal', () => {
  it('asks twice without echoing, and refuses two different passwords', async () => {
    const run2 = async (typed: string) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
      const out = new PassThrough();
      const err = new PassThrough();
      let shown = '';
      out.on('data', (c: Buffer) => (shown += c.toString()));
      err.on('data', (c: Buffer) => (shown += c.toString()));
      stdin.write(typed); // typed faster than the prompts appear, both lines at once
      const code = await run(
        ['add', '--email', 'tty@example.com', '--name', 'Tty', '--role', 'admin'],
        { stdout: out, stderr: err, stdin, isTTY: true },
      );
      return { code, shown };
    };
    const mismatch = await run2('first-password-1\rsecond-password\r');
    expect(mismatch.code).toBe(1);
    expect(mismatch.shown).toContain('the two passwords differ');
    const ok = await run2('tty-password-12x\u007fX\rtty-password-12X\r');
    expect(ok.code).toBe(0);
    expect(ok.shown).toContain('Password (at least 12 characters): ');
    expect(ok.shown).toContain('Repeat the password: ');
    expect(ok.shown).not.toContain('tty-password');
    expect(
      await verifyCredentials(t.db, 'k'.repeat(32), {
        email: 'tty@example.com',
        password: 'tty-password-12X',
      }),
    ).not.toBeNull();
    await cli(['remove', '--email', 'tty@example.com']);
  });
});

describe('user list and remove', () => {
  it('lists users with role and locations, no passwords', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+ROLE\s+NAME\s+LOCATIONS\s+CREATED$/);
    expect(lines[1]).toMatch(/^ada@example\.com\s+admin\s+Ada\s+all\s+\d{4}-\d{2}-\d{2}$/);
    expect(lines[2]).toMatch(
      /^sam@example\.com\s+staff\s+Sam Staff\s+loc_a,loc_new\s+\d{4}-\d{2}-\d{2}$/,
    );
    expect(stdout).not.toMatch(/scrypt|password/i);
  });

  it('removes a user by email', async () => {
    expect(await cli(['remove', '--email', 'SAM@example.com'])).toMatchObject({
      code: 0,
      stdout: 'removed sam@example.com\n',
    });
    expect(await cli(['remove', '--email', 'sam@example.com'])).toMatchObject({
      code: 1,
      stderr: 'user remove: no user with the email sam@example.com\n',
    });
    expect((await cli(['list'])).stdout).not.toContain('sam@');
  });

  it('writes every change to the audit log as the CLI, never the password', async () => {
    const audit = await t.db.auditLogEntry.findMany({
      where: { targetLabel: 'sam@example.com' },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => [e.actorEmail, e.actorId, e.action]).sort()).toEqual([
      ['cli', null, 'user.create'],
      ['cli', null, 'user.remove'],
    ]);
    expect(audit.find((e) => e.action === 'user.create')?.after).toEqual({
      email: 'sam@example.com',
      name: 'Sam Staff',
      role: 'staff',
      locationIds: ['loc_a', 'loc_new'],
    });
    expect(JSON.stringify(audit)).not.toContain('sam-secret-password');
  });

  it('prints usage for --help and with no action', async () => {
    expect(await cli(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('usage: npm run cli -- user add'),
    });
    expect(await cli([])).toMatchObject({ code: 1, stderr: expect.stringContaining('usage:') });
  });
});

describe('user set', () => {
  it('changes role and locations, and says every session ended', async () => {
    await cli(
      ['add', '--email', 'val@example.com', '--name', 'Val', '--role', 'staff'],
      'val-password-123\n',
    );
    const signedIn = await verifyCredentials(t.db, 'k'.repeat(32), {
      email: 'val@example.com',
      password: 'val-password-123',
    });
    const result = await cli(['set', '--email', 'val@example.com', '--locations', 'loc_a']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      'val@example.com is now staff and sees 1 location(s): loc_a; their sessions have ended\n',
    );
    expect(await loadSessionUser(t.db, 'k'.repeat(32), signedIn!.id, signedIn!.stamp)).toBeNull();
    expect(await cli(['set', '--email', 'val@example.com'])).toMatchObject({
      code: 1,
      stderr: 'user set: nothing to change: give --role, --locations or both\n',
    });
    expect(await cli(['set', '--email', 'nobody@example.com', '--role', 'admin'])).toMatchObject({
      code: 1,
      stderr: 'user set: no user with the email nobody@example.com\n',
    });
    expect(
      await cli(['set', '--email', 'val@example.com', '--role', 'admin', '--locations', 'loc_a']),
    ).toMatchObject({ code: 1, stderr: expect.stringContaining('--locations: admins see every') });
  });
});
