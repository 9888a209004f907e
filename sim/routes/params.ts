import { Problems } from '../errors';

/**
 * Query-string validation in the real API's style (NestJS + class-validator with
 * `forbidNonWhitelisted`): unknown or repeated parameters and bad numbers are 422s.
 */
export class QueryReader {
  readonly problems = new Problems();

  constructor(
    private readonly query: URLSearchParams,
    allowed: readonly string[],
  ) {
    const seen = new Set<string>();
    for (const name of query.keys()) {
      if (!allowed.includes(name)) this.problems.add(`property ${name} should not exist`);
      else if (seen.has(name)) this.problems.add(`${name} must be a string`);
      seen.add(name);
    }
  }

  string(name: string): string | undefined {
    const value = this.query.get(name);
    return value === null ? undefined : value;
  }

  required(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined || value === '') this.problems.add(`${name} should not be empty`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T | undefined {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!(values as readonly string[]).includes(value)) {
      this.problems.add(`${name} must be one of the following values: ${values.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  integer(name: string, options: { fallback: number; min: number; max?: number }): number {
    const raw = this.string(name);
    if (raw === undefined) return options.fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value)) {
      this.problems.add(`${name} must be a number conforming to the specified constraints`);
      return options.fallback;
    }
    if (value < options.min) this.problems.add(`${name} must not be less than ${options.min}`);
    if (options.max !== undefined && value > options.max) {
      this.problems.add(`${name} must not be greater than ${options.max}`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') this.problems.add(`${name} must be a boolean value`);
    return raw === 'true';
  }

  /** A calendar date as `YYYY-MM-DD` (payments) → start of that UTC day in ms. */
  isoDay(name: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const ms = match
      ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
      : Number.NaN;
    if (Number.isNaN(ms)) this.problems.add(`${name} must be a valid date (YYYY-MM-DD)`);
    return Number.isNaN(ms) ? undefined : ms;
  }

  /** A calendar date as `mm-dd-yyyy` (opportunities) → start of that UTC day in ms. */
  usDay(name: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(raw);
    const ms = match
      ? Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]))
      : Number.NaN;
    if (Number.isNaN(ms)) this.problems.add(`${name} must be a valid date (mm-dd-yyyy)`);
    return Number.isNaN(ms) ? undefined : ms;
  }

  done(): void {
    this.problems.throwIfAny();
  }
}

export const DAY_MS = 86_400_000;

/** Index of the first element of sorted `list` that is strictly after `cursor` (binary search). */
export function positionAfter<T>(list: readonly T[], isAfterCursor: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfterCursor(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sorted (by a numeric key, then id ascending) comparator used by every cursor. */
export function compareKeyThenId(
  aKey: number,
  aId: string,
  bKey: number,
  bId: string,
  descending: boolean,
): number {
  if (aKey !== bKey) return descending ? bKey - aKey : aKey - bKey;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

const VIEW_CACHE_LIMIT = 16;

/**
 * A filtered + sorted view of a store, cached on the store under `key` (a normalised query).
 * The store is rebuilt on every mutation, which drops its cache with it.
 */
export function cachedView<T>(cache: Map<string, unknown[]>, key: string, build: () => T[]): T[] {
  const hit = cache.get(key) as T[] | undefined;
  if (hit) return hit;
  const view = build();
  if (cache.size >= VIEW_CACHE_LIMIT) cache.clear();
  cache.set(key, view);
  return view;
}
