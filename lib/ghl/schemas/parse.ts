import type { z } from 'zod';
import { GhlBadPayloadError } from '../errors';
import type { CallContext } from '../types';

/** Where a payload came from, for error messages. */
export type PayloadSource = { ctx: CallContext; traceId: string | null };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function recordIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const id = r.id ?? r._id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function badPayload(
  source: PayloadSource,
  error: z.ZodError,
  recordId: string | null,
  where: string,
): GhlBadPayloadError {
  const [first, ...rest] = error.issues;
  const more = rest.length > 0 ? ` (+${rest.length} more issue(s))` : '';
  return new GhlBadPayloadError({
    endpoint: source.ctx.endpoint,
    locationId: source.ctx.locationId,
    status: null,
    ghlMessage: null,
    traceId: source.traceId,
    tokenKind: source.ctx.tokenKind,
    tokenFingerprint: source.ctx.tokenFingerprint,
    recordId,
    fieldPath: formatPath(first?.path ?? []),
    problem: `${first?.message ?? 'invalid'}${where}${more}`,
  });
}

/** Parses a response envelope; a mismatch raises GhlBadPayloadError naming the field path. */
export function parseEnvelope<S extends z.ZodType>(
  schema: S,
  body: unknown,
  source: PayloadSource,
): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw badPayload(source, result.error, null, '');
  return result.data;
}

/**
 * Parses records one by one so the error names the offending record (its id / _id), the field
 * path inside it, and its position in the page (`listName[index]`).
 */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  items: ReadonlyArray<unknown>,
  listName: string,
  source: PayloadSource,
): Array<z.output<S>> {
  const out: Array<z.output<S>> = [];
  items.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (!result.success) {
      throw badPayload(source, result.error, recordIdOf(raw), ` (at ${listName}[${index}])`);
    }
    out.push(result.data);
  });
  return out;
}

/** Parses a single record (e.g. `location` of `GET /locations/{id}`). */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  name: string,
  source: PayloadSource,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw badPayload(source, result.error, recordIdOf(raw), ` (in ${name})`);
  return result.data;
}
