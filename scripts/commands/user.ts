import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb, type Db } from '@/lib/db/client';
import { createUser, UserExistsError } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { removeUser } from '@/lib/users/remove-user';
import { AppError } from '@/lib/errors';
import { setUserAccess, UnknownUserError } from '@/lib/users/set-user-access';
import { MIN_PASSWORD_LENGTH, newUserSchema } from '@/lib/users/user-schema';
import { databaseUrlOrReport, writeText, type CliIo } from '@/scripts/lib/cli-io';

const USAGE = `usage: npm run cli -- user add --email EMAIL --name NAME --role admin|staff [--locations ID,ID…]
       npm run cli -- user list
       npm run cli -- user set --email EMAIL [--role admin|staff] [--locations ID,ID…]
       npm run cli -- user remove --email EMAIL
  add      the password is read from stdin (typed twice, hidden, on a terminal; the first line
           of piped input otherwise), at least ${MIN_PASSWORD_LENGTH} characters; it is never echoed
  --role   admin sees every location; staff sees only the --locations listed
  list     every user with role and locations (no passwords)
  set      changes a user's role and/or location list (--locations replaces it; "" = none);
           every session of that user ends, so they sign in again with the new access
  remove   deletes a user; their sessions end at once`;

type TtyInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/** Reads one line from a terminal without echoing it; Ctrl-C or Ctrl-D abort (null). */
function readHidden(
  input: TtyInput,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string | null> {
  return new Promise((resolve) => {
    let value = '';
    output.write(prompt);
    input.setRawMode?.(true);
    input.resume();
    const finish = (result: string | null, rest: string) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      // Keystrokes after Enter (a fast paste of both lines) belong to the next prompt.
      if (rest) input.unshift(Buffer.from(rest, 'utf8'));
      output.write('\n');
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      const chars = [...chunk.toString('utf8')];
      for (const [index, char] of chars.entries()) {
        const rest = () =>
          chars
            .slice(index + 1)
            .join('')
            .replace(/^\n/, '');
        if (char === '\r' || char === '\n') return finish(value, rest());
        if (char === '\u0003' || char === '\u0004') return finish(null, '');
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of piped stdin (e.g. `printf '%s\n' "$PASSWORD" | npm run cli -- user add …`). */
async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

async function readPassword(io: CliIo): Promise<{ password: string } | { error: string }> {
  const input = io.stdin as TtyInput;
  if (!input.isTTY) {
    const password = await readFirstLine(input);
    return password
      ? { password }
      : { error: 'no password on stdin (pipe one line, or run in a terminal)' };
  }
  const password = await readHidden(
    input,
    io.stderr,
    `Password (at least ${MIN_PASSWORD_LENGTH} characters): `,
  );
  if (password === null) return { error: 'cancelled' };
  const again = await readHidden(input, io.stderr, 'Repeat the password: ');
  if (again === null) return { error: 'cancelled' };
  return password === again ? { password } : { error: 'the two passwords differ' };
}

function describeIssues(error: z.ZodError): string {
  const flag = (path: PropertyKey[]) => {
    const name = String(path[0] ?? '');
    if (name === 'password') return 'password';
    return name === 'locationIds' ? '--locations' : `--${name}`;
  };
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${flag(issue.path)}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

async function add(args: string[], io: CliIo, db: () => Db): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      locations: { type: 'string' },
    },
  });
  const missing = (['email', 'name', 'role'] as const).filter((key) => !values[key]);
  if (missing.length > 0) {
    await writeText(
      io.stderr,
      `user add: missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}\n`,
    );
    return 1;
  }
  const locationIds = (values.locations ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const fields = {
    email: values.email ?? '',
    name: values.name ?? '',
    role: values.role ?? '',
    locationIds,
  };
  // Check everything but the password first, so nobody types a password for a doomed command.
  const precheck = newUserSchema.safeParse({
    ...fields,
    password: 'x'.repeat(MIN_PASSWORD_LENGTH),
  });
  if (!precheck.success) {
    await writeText(io.stderr, `user add: ${describeIssues(precheck.error)}\n`);
    return 1;
  }
  const read = await readPassword(io);
  if ('error' in read) {
    await writeText(io.stderr, `user add: ${read.error}\n`);
    return 1;
  }
  try {
    const user = await createUser(db(), { ...precheck.data, password: read.password });
    const known = new Set(
      (
        await db().location.findMany({
          where: { id: { in: user.locationIds } },
          select: { id: true },
        })
      ).map((l) => l.id),
    );
    for (const id of user.locationIds.filter((id) => !known.has(id))) {
      await writeText(
        io.stderr,
        `warning: location ${id} is not in the cache yet; it will show once a sync finds it\n`,
      );
    }
    const scope =
      user.role === 'admin'
        ? 'every location'
        : `${user.locationIds.length} location(s): ${user.locationIds.join(', ') || 'none yet'}`;
    await writeText(
      io.stdout,
      `added ${user.role} ${user.email} (${user.name}), who sees ${scope}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof z.ZodError) {
      await writeText(io.stderr, `user add: ${describeIssues(error)}\n`);
      return 1;
    }
    if (error instanceof UserExistsError) {
      await writeText(
        io.stderr,
        `user add: ${error.message} (remove it first with: npm run cli -- user remove --email …)\n`,
      );
      return 1;
    }
    throw error;
  }
}

async function list(io: CliIo, db: () => Db): Promise<number> {
  const users = await listUsers(db());
  if (users.length === 0) {
    await writeText(
      io.stdout,
      'no users yet; add one with: npm run cli -- user add --email … --name … --role admin\n',
    );
    return 0;
  }
  const rows = [
    ['EMAIL', 'ROLE', 'NAME', 'LOCATIONS', 'CREATED'],
    ...users.map((u) => [
      u.email,
      u.role,
      u.name,
      u.role === 'admin' ? 'all' : u.locationIds.join(',') || '(none)',
      u.createdAt.toISOString().slice(0, 10),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const text = rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  await writeText(io.stdout, `${text}\n`);
  return 0;
}

async function set(args: string[], io: CliIo, db: () => Db): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      locations: { type: 'string' },
    },
  });
  if (!values.email) {
    await writeText(io.stderr, `user set: missing --email\n${USAGE}\n`);
    return 1;
  }
  const locationIds =
    values.locations === undefined
      ? undefined
      : values.locations
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
  try {
    const user = await setUserAccess(db(), {
      email: values.email,
      role: values.role as 'admin' | 'staff' | undefined,
      locationIds,
    });
    const scope =
      user.role === 'admin'
        ? 'every location'
        : `${user.locationIds.length} location(s): ${user.locationIds.join(', ') || 'none'}`;
    await writeText(
      io.stdout,
      `${user.email} is now ${user.role} and sees ${scope}; their sessions have ended\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof z.ZodError) {
      await writeText(io.stderr, `user set: ${describeIssues(error)}\n`);
      return 1;
    }
    if (error instanceof UnknownUserError || error instanceof AppError) {
      // An unknown email, the last admin, or a location that was never discovered.
      await writeText(io.stderr, `user set: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function remove(args: string[], io: CliIo, db: () => Db): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { email: { type: 'string' } } });
  if (!values.email) {
    await writeText(io.stderr, `user remove: missing --email\n${USAGE}\n`);
    return 1;
  }
  try {
    if (!(await removeUser(db(), values.email))) {
      await writeText(
        io.stderr,
        `user remove: no user with the email ${values.email.trim().toLowerCase()}\n`,
      );
      return 1;
    }
  } catch (error) {
    if (error instanceof AppError) {
      await writeText(io.stderr, `user remove: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof z.ZodError)) throw error;
    await writeText(io.stderr, `user remove: --email: ${error.issues[0]?.message ?? 'invalid'}\n`);
    return 1;
  }
  await writeText(io.stdout, `removed ${values.email.trim().toLowerCase()}\n`);
  return 0;
}

/**
 * `user add|list|set|remove`: who can sign in to the dashboard. Passwords come from stdin and are
 * never echoed or logged. Bad arguments: a message and the usage on stderr, exit code 1.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (!action || action === '--help' || action === '-h' || action === 'help') {
    await writeText(action ? io.stdout : io.stderr, `${USAGE}\n`);
    return action ? 0 : 1;
  }
  if (!['add', 'list', 'set', 'remove'].includes(action)) {
    await writeText(io.stderr, `user: unknown action "${action}"\n${USAGE}\n`);
    return 1;
  }
  const url = await databaseUrlOrReport(io);
  if (url === null) return 1;
  let client: Db | undefined;
  const db = () => (client ??= createDb(url));
  try {
    if (action === 'list') return await list(io, db);
    if (action === 'add') return await add(rest, io, db);
    if (action === 'set') return await set(rest, io, db);
    return await remove(rest, io, db);
  } catch (error) {
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      await writeText(io.stderr, `user ${action}: ${error.message}\n${USAGE}\n`);
      return 1;
    }
    throw error;
  } finally {
    await client?.$disconnect();
  }
}
