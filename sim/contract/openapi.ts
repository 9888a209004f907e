import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A small OpenAPI 3 reader for the contract test: loads spec files, resolves `$ref`s (local and
 * `../common/common-schemas.json#/…`), and validates values against a JSON-schema subset:
 * type, properties, required, items, prefixItems, enum, nullable, allOf/oneOf/anyOf, date-time.
 * Extra properties are allowed (the specs never forbid them and the real API sends many).
 */

export type Schema = { [key: string]: unknown };
type Located = { schema: Schema; file: URL };

export class SpecStore {
  private readonly docs = new Map<string, Schema>();

  constructor(private readonly baseDir: URL) {}

  /** Loads (and caches) a spec file by URL or by name relative to the base folder. */
  doc(file: URL | string): Schema {
    const url = typeof file === 'string' ? new URL(file, this.baseDir) : file;
    let doc = this.docs.get(url.href);
    if (!doc) {
      doc = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Schema;
      this.docs.set(url.href, doc);
    }
    return doc;
  }

  url(file: string): URL {
    return new URL(file, this.baseDir);
  }

  /** Follows one `$ref` relative to the file that holds it. */
  resolve(ref: string, from: URL): Located {
    const [filePart = '', pointer = ''] = ref.split('#');
    const file = filePart ? new URL(filePart, from) : from;
    let node: unknown = this.doc(file);
    for (const raw of pointer.split('/').filter(Boolean)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[key];
      if (node === undefined) throw new Error(`unresolvable $ref ${ref} from ${from.href}`);
    }
    return { schema: node as Schema, file };
  }

  /** The JSON schema of an operation's response, or undefined where the spec has none. */
  responseSchema(file: string, path: string, method: string, status: number): Located | undefined {
    const url = this.url(file);
    const paths = this.doc(url).paths as Record<string, Record<string, Schema>>;
    const operation = paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${file}: no operation ${method} ${path}`);
    const response = (operation.responses as Record<string, Schema>)[String(status)];
    const content = response?.content as Record<string, { schema?: Schema }> | undefined;
    const schema = content?.['application/json']?.schema;
    return schema ? { schema, file: url } : undefined;
  }

  /** Names of an operation's query parameters (resolving parameter `$ref`s). */
  queryParams(file: string, path: string, method: string): Schema[] {
    const url = this.url(file);
    const paths = this.doc(url).paths as Record<string, Record<string, Schema>>;
    const params = (paths[path]?.[method.toLowerCase()]?.parameters ?? []) as Schema[];
    return params
      .map((p) => (typeof p.$ref === 'string' ? this.resolve(p.$ref, url).schema : p))
      .filter((p) => p.in === 'query');
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeOf(value) === 'object';
    default:
      return typeof value === type;
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Returns human-readable problems (empty = valid). */
export function validate(store: SpecStore, located: Located, value: unknown, at = '$'): string[] {
  const { schema, file } = located;
  if (typeof schema.$ref === 'string')
    return validate(store, store.resolve(schema.$ref, file), value, at);
  if (value === null && schema.nullable === true) return [];
  const errors: string[] = [];
  const sub = (s: unknown, v: unknown, path: string) =>
    validate(store, { schema: s as Schema, file }, v, path);
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) errors.push(...sub(s, value, at));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && !options.some((s) => sub(s, value, at).length === 0)) {
      errors.push(`${at}: matches none of ${key}`);
    }
  }
  if (typeof schema.type === 'string') {
    if (!matchesType(schema.type, value))
      return [...errors, `${at}: expected ${schema.type}, got ${typeOf(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (
    schema.format === 'date-time' &&
    typeof value === 'string' &&
    (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
  ) {
    errors.push(`${at}: not an ISO date-time: ${value}`);
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in record)) errors.push(`${at}.${name}: required`);
    }
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const [name, propSchema] of Object.entries(properties)) {
      if (name in record) errors.push(...sub(propSchema, record[name], `${at}.${name}`));
    }
  }
  if (Array.isArray(value)) {
    const prefix = schema.prefixItems as unknown[] | undefined;
    if (prefix) {
      if (value.length !== prefix.length) errors.push(`${at}: expected ${prefix.length} items`);
      prefix.forEach((s, i) => errors.push(...sub(s, value[i], `${at}[${i}]`)));
    } else if (schema.items) {
      value.forEach((item, i) => errors.push(...sub(schema.items, item, `${at}[${i}]`)));
    }
  }
  return errors;
}
