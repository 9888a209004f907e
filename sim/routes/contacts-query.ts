import { Problems } from '../errors';
import type { Contact, Stored } from '../world/types';

/**
 * The `POST /contacts/search` body, as documented outside the spec (the spec's body schema is
 * empty): locationId and pageLimit (≤ 500) required; `page` reaches only the first 10,000
 * records; `searchAfter` goes further; filters with `range` on dates; one sort field.
 */
export type SortField = 'dateAdded' | 'dateUpdated';
export type ContactSearch = {
  locationId: string;
  pageLimit: number;
  page: number | undefined;
  searchAfter: [number, string] | undefined;
  sort: { field: SortField; direction: 'asc' | 'desc' };
  /** Normalised filters + query, the cache key for the sorted result list. */
  cacheKey: string;
  matches: (stored: Stored<Contact>) => boolean;
};

export const MAX_PAGE_LIMIT = 500;
export const MAX_PAGE_WINDOW = 10_000;
const BODY_KEYS = ['locationId', 'pageLimit', 'page', 'searchAfter', 'filters', 'sort', 'query'];
const DATE_FIELDS: Record<string, SortField> = {
  dateAdded: 'dateAdded',
  date_added: 'dateAdded',
  dateUpdated: 'dateUpdated',
  date_updated: 'dateUpdated',
};
const TEXT_FIELDS = [
  'id',
  'email',
  'phone',
  'firstName',
  'lastName',
  'contactName',
  'companyName',
  'businessName',
  'source',
  'type',
  'tags',
  'assignedTo',
  'dnd',
  'city',
  'state',
  'country',
  'postalCode',
  'timezone',
  'businessId',
  'validEmail',
];
const OPERATORS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range'];
const MAX_VALUE_LENGTH = 75;

type Predicate = (stored: Stored<Contact>) => boolean;

function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** ISO strings, epoch ms numbers and numeric strings are all accepted (sources disagree). */
function instant(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

function rangePredicate(field: SortField, value: unknown, problems: Problems): Predicate {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(`range value for ${snake(field)} must be an object with gte, gt, lte or lt`);
    return () => false;
  }
  const bounds: { op: string; at: number }[] = [];
  for (const [op, raw] of Object.entries(value)) {
    if (!['gte', 'gt', 'lte', 'lt'].includes(op)) {
      problems.add(`Invalid range key ${op} for field ${snake(field)}`);
      continue;
    }
    const at = instant(raw);
    if (Number.isNaN(at)) problems.add(`Invalid date value passed for field ${snake(field)}`);
    bounds.push({ op, at });
  }
  if (bounds.length === 0)
    problems.add(`range value for ${snake(field)} must have gte, gt, lte or lt`);
  return (stored) => {
    const t = field === 'dateAdded' ? stored.added : stored.updated;
    return bounds.every(({ op, at }) =>
      op === 'gte' ? t >= at : op === 'gt' ? t > at : op === 'lte' ? t <= at : t < at,
    );
  };
}

function textPredicate(
  field: string,
  operator: string,
  value: unknown,
  problems: Problems,
): Predicate {
  const get = (stored: Stored<Contact>): unknown => (stored.rec as Record<string, unknown>)[field];
  const present = (v: unknown) =>
    v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  if (operator === 'exists') return (s) => present(get(s));
  if (operator === 'not_exists') return (s) => !present(get(s));
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    problems.add(`value must be a string, number or boolean for field ${snake(field)}`);
    return () => false;
  }
  const wanted = String(value).toLowerCase();
  if (wanted.length > MAX_VALUE_LENGTH)
    problems.add(`value must be shorter than or equal to ${MAX_VALUE_LENGTH} characters`);
  const values = (s: Stored<Contact>): string[] => {
    const v = get(s);
    if (Array.isArray(v)) return v.map((x) => String(x).toLowerCase());
    return present(v) ? [String(v).toLowerCase()] : [];
  };
  switch (operator) {
    case 'eq':
      return (s) => values(s).includes(wanted);
    case 'not_eq':
      return (s) => !values(s).includes(wanted);
    case 'contains':
      return (s) => values(s).some((v) => v.includes(wanted));
    default:
      return (s) => !values(s).some((v) => v.includes(wanted));
  }
}

function compileFilter(raw: unknown, problems: Problems, depth: number): Predicate {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add('each value in filters must be an object');
    return () => false;
  }
  const filter = raw as Record<string, unknown>;
  if ('group' in filter) {
    if (
      (filter.group !== 'AND' && filter.group !== 'OR') ||
      !Array.isArray(filter.filters) ||
      depth > 2
    ) {
      problems.add('group must be AND or OR with a filters array (at most 2 levels)');
      return () => false;
    }
    const parts = filter.filters.map((f) => compileFilter(f, problems, depth + 1));
    return filter.group === 'AND'
      ? (s) => parts.every((p) => p(s))
      : (s) => parts.some((p) => p(s));
  }
  const field = typeof filter.field === 'string' ? filter.field : '';
  const operator = typeof filter.operator === 'string' ? filter.operator : '';
  if (!OPERATORS.includes(operator)) {
    problems.add(`Invalid Operator passed for field ${snake(field)}`);
    return () => false;
  }
  const dateField = DATE_FIELDS[field];
  if (dateField) {
    if (operator === 'range') return rangePredicate(dateField, filter.value, problems);
    if (operator === 'exists') return () => true;
    if (operator === 'not_exists') return () => false;
    problems.add(`Invalid Operator passed for field ${snake(dateField)}`);
    return () => false;
  }
  const name = camel(field);
  if (!TEXT_FIELDS.includes(name)) {
    problems.add(`Invalid field passed: ${field}`);
    return () => false;
  }
  if (operator === 'range') {
    problems.add(`Invalid Operator passed for field ${snake(name)}`);
    return () => false;
  }
  return textPredicate(name, operator, filter.value, problems);
}

function parseSort(raw: unknown, problems: Problems): ContactSearch['sort'] {
  if (raw === undefined) return { field: 'dateAdded', direction: 'desc' };
  const entry =
    Array.isArray(raw) && raw.length === 1 ? (raw[0] as Record<string, unknown> | null) : null;
  const field = entry && typeof entry.field === 'string' ? DATE_FIELDS[entry.field] : undefined;
  const direction = entry?.direction ?? 'asc';
  if (!field || (direction !== 'asc' && direction !== 'desc')) {
    problems.add(
      'sort must be an array with one {field: "dateAdded" | "dateUpdated", direction: "asc" | "desc"}',
    );
    return { field: 'dateAdded', direction: 'desc' };
  }
  return { field, direction };
}

/** Validates a search body; throws one 422 listing every problem. */
export function parseContactSearch(body: unknown): ContactSearch {
  const problems = new Problems();
  const b = (
    typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}
  ) as Record<string, unknown>;
  for (const key of Object.keys(b))
    if (!BODY_KEYS.includes(key)) problems.add(`property ${key} should not exist`);
  if (typeof b.locationId !== 'string' || b.locationId === '')
    problems.add('locationId should not be empty');
  if (typeof b.locationId !== 'string') problems.add('locationId must be a string');
  const pageLimit = b.pageLimit;
  if (typeof pageLimit !== 'number' || !Number.isInteger(pageLimit)) {
    problems.add('pageLimit must be a number conforming to the specified constraints');
  } else {
    if (pageLimit < 1) problems.add('pageLimit must not be less than 1');
    if (pageLimit > MAX_PAGE_LIMIT)
      problems.add(`pageLimit must not be greater than ${MAX_PAGE_LIMIT}`);
  }
  const page = b.page;
  if (page !== undefined && (typeof page !== 'number' || !Number.isInteger(page) || page < 1)) {
    problems.add('page must be a positive integer');
  }
  let searchAfter: [number, string] | undefined;
  if (b.searchAfter !== undefined) {
    const sa = b.searchAfter;
    if (
      Array.isArray(sa) &&
      sa.length === 2 &&
      typeof sa[0] === 'number' &&
      typeof sa[1] === 'string'
    ) {
      searchAfter = [sa[0], sa[1]];
    } else {
      problems.add(
        'searchAfter must be the [number, string] value copied from the last record of the previous page',
      );
    }
    if (page !== undefined) problems.add('page and searchAfter cannot be used together');
  }
  if (
    typeof page === 'number' &&
    typeof pageLimit === 'number' &&
    (page - 1) * pageLimit + pageLimit > MAX_PAGE_WINDOW
  ) {
    problems.add(
      `page based pagination can only access the first ${MAX_PAGE_WINDOW} records; use searchAfter to go beyond`,
    );
  }
  let query: string | undefined;
  if (b.query !== undefined) {
    if (typeof b.query !== 'string') problems.add('query must be a string');
    else if (b.query.length > MAX_VALUE_LENGTH)
      problems.add(`query must be shorter than or equal to ${MAX_VALUE_LENGTH} characters`);
    else query = b.query.toLowerCase();
  }
  const predicates: Predicate[] = [];
  if (b.filters !== undefined) {
    if (!Array.isArray(b.filters)) problems.add('filters must be an array');
    else for (const f of b.filters) predicates.push(compileFilter(f, problems, 0));
  }
  const sort = parseSort(b.sort, problems);
  problems.throwIfAny();
  if (query) {
    const q = query;
    predicates.push(({ rec }) =>
      [rec.contactName, rec.email, rec.phone, rec.companyName].some(
        (v) => v !== null && v.toLowerCase().includes(q),
      ),
    );
  }
  return {
    locationId: b.locationId as string,
    pageLimit: pageLimit as number,
    page: page as number | undefined,
    searchAfter,
    sort,
    cacheKey: JSON.stringify([b.filters ?? null, query ?? null, sort]),
    matches: (stored) => predicates.every((p) => p(stored)),
  };
}
