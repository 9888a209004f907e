import { CLI_ACTOR } from '@/lib/audit/audit-actions';
import { createDb } from '@/lib/db/client';
import { requireDatabaseUrl, requireEncryptionKey, requirePreviousEncryptionKey } from '@/lib/env';
import { deleteLocationToken } from '@/lib/sync/delete-location-token';
import {
  InvalidTokenInputError,
  listLocationTokens,
  normaliseTokenInput,
} from '@/lib/sync/location-tokens';
import { reencryptOAuthTokens } from '@/lib/oauth/reencrypt-oauth-tokens';
import { reencryptLocationTokens } from '@/lib/sync/reencrypt-location-tokens';
import { saveLocationToken } from '@/lib/sync/save-location-token';
import type { CliIo } from '../lib/cli-io';

const USAGE = `usage: npm run cli -- location-token set LOCATION_ID [--allow-unknown]   (token on stdin)
       npm run cli -- location-token list
       npm run cli -- location-token remove LOCATION_ID
       npm run cli -- location-token re-encrypt   (key rotation: APP_ENCRYPTION_KEY_PREVIOUS → APP_ENCRYPTION_KEY;
                                                  the GoHighLevel connection's OAuth tokens too)
A sub-account Private Integration Token (Settings → Private Integrations in that sub-account) with
scopes contacts.readonly, opportunities.readonly, payments/transactions.readonly,
payments/orders.readonly, payments/subscriptions.readonly. Stored encrypted with APP_ENCRYPTION_KEY;
never printed (list shows a fingerprint). set refuses a location the sync has not discovered
(a typo would store a token nobody uses); --allow-unknown stores it anyway, for a sub-account
that the next sync will find.`;

type TtyInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

/** Reads one token: hidden, up to Enter, on a terminal; the whole stream otherwise (pipes, tests). */
async function readToken(io: CliIo, locationId: string): Promise<string> {
  const input = io.stdin as TtyInput;
  if (!input.isTTY || !input.setRawMode) {
    let text = '';
    for await (const chunk of input)
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return text;
  }
  io.stderr.write(
    `Paste the Private Integration Token of ${locationId} and press Enter (input hidden): `,
  );
  input.setRawMode(true);
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(() => resolve(text));
        if (char === '\u0003') return finish(() => reject(new Error('cancelled')));
        if (char === '\u007f') text = text.slice(0, -1);
        else text += char;
      }
    };
    const finish = (then: () => void) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
      then();
    };
    input.on('data', onData);
    input.resume();
  });
}

const iso = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;

const OAUTH_OUTCOME = {
  reencrypted: 'tokens re-encrypted with the new key',
  already_current: 'tokens already use the new key',
  absent: 'not connected',
  unreadable: 'readable with neither key',
} as const;

/** `npm run cli -- location-token set|list|remove|re-encrypt`: the sub-account token store. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const allowUnknown = args.includes('--allow-unknown');
  const [action, locationId, ...rest] = args.filter((arg) => arg !== '--allow-unknown');
  const needsId = action === 'set' || action === 'remove';
  if (
    !action ||
    !['set', 'list', 'remove', 're-encrypt'].includes(action) ||
    (needsId && !locationId) ||
    rest.length > 0 ||
    ((action === 'list' || action === 're-encrypt') && locationId) ||
    (allowUnknown && action !== 'set')
  ) {
    io.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const key = action === 'set' || action === 're-encrypt' ? requireEncryptionKey() : null;
  const previous = action === 're-encrypt' ? requirePreviousEncryptionKey() : null;
  const db = createDb(requireDatabaseUrl());
  try {
    if (action === 're-encrypt') {
      if (!key || !previous) return 1;
      const result = await reencryptLocationTokens(db, { previous, current: key });
      io.stdout.write(
        `Re-encrypted ${result.reencrypted} token(s) with the new key; ` +
          `${result.alreadyCurrent} already used it.\n`,
      );
      const oauth = await reencryptOAuthTokens(db, { previous, current: key });
      const cached = oauth.locationTokensReencrypted + oauth.locationTokensCurrent;
      if (oauth.connection !== 'absent' || cached + oauth.locationTokensDropped > 0)
        io.stdout.write(
          `GoHighLevel connection: ${OAUTH_OUTCOME[oauth.connection]}; ` +
            `${oauth.locationTokensReencrypted} cached location token(s) re-encrypted, ` +
            `${oauth.locationTokensCurrent} already current, ${oauth.locationTokensDropped} dropped (minted again when needed).\n`,
        );
      if (oauth.connection === 'unreadable')
        io.stderr.write(
          'The GoHighLevel connection is readable with neither key: reconnect under Settings → Connect GoHighLevel.\n',
        );
      if (result.unreadable.length === 0) return oauth.connection === 'unreadable' ? 1 : 0;
      io.stderr.write(
        `Readable with neither key (set them again): ${result.unreadable.join(', ')}\n`,
      );
      return 1;
    }
    if (action === 'list') {
      const tokens = await listLocationTokens(db);
      if (tokens.length === 0) {
        io.stdout.write('No sub-account tokens stored; every location uses the agency token.\n');
        return 0;
      }
      io.stdout.write('LOCATION\tNAME\tFINGERPRINT\tCREATED\tUPDATED\n');
      for (const t of tokens) {
        io.stdout.write(
          `${t.locationId}\t${t.locationName ?? '(not synced yet)'}\t${t.fingerprint}\t${iso(t.createdAt)}\t${iso(t.updatedAt)}\n`,
        );
      }
      return 0;
    }
    if (!locationId) return 1;
    if (action === 'remove') {
      if ((await deleteLocationToken(db, CLI_ACTOR, locationId)) === null) {
        io.stderr.write(`No token is stored for ${locationId}.\n`);
        return 1;
      }
      io.stdout.write(`Removed the token of ${locationId}; it now uses the agency token.\n`);
      return 0;
    }
    // Checked before the token is read, so nobody pastes a token for a typo.
    const location = await db.location.findUnique({
      where: { id: locationId },
      select: { name: true },
    });
    if (!location && !allowUnknown) {
      io.stderr.write(
        `location-token set: no location ${JSON.stringify(locationId)} is known yet. Check the id ` +
          '(npm run cli -- status lists them), run a sync to discover it, or pass --allow-unknown ' +
          'to store the token for a location the next sync will find.\n',
      );
      return 1;
    }
    let token: string;
    try {
      token = normaliseTokenInput(await readToken(io, locationId));
    } catch (error) {
      io.stderr.write(
        `${error instanceof InvalidTokenInputError || error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
    if (!key) return 1;
    const { fingerprint } = await saveLocationToken(db, CLI_ACTOR, {
      locationId,
      locationName: location?.name ?? null,
      token,
      key,
      missingScopes: null,
    });
    const label = location ? `${locationId} (${JSON.stringify(location.name)})` : locationId;
    io.stdout.write(
      `Stored the token of ${label}, fingerprint ${fingerprint}. The next sync uses it.\n`,
    );
    if (!location)
      io.stderr.write(
        `note: ${locationId} has not been discovered yet; check the id (npm run cli -- status).\n`,
      );
    return 0;
  } finally {
    await db.$disconnect();
  }
}
