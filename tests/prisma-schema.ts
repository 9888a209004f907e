import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A reader for the subset of Prisma schema language this project uses, giving what a migrated
 * PostgreSQL database must contain: tables, columns (type, nullability), primary keys, indexes.
 */
export type ExpectedColumn = { name: string; type: string; nullable: boolean };
export type ExpectedIndex = { table: string; columns: string[]; unique: boolean; primary: boolean };
export type ExpectedSchema = {
  tables: Map<string, ExpectedColumn[]>;
  indexes: ExpectedIndex[];
  /** Model name → its scalar field names, as the generated client should know them. */
  models: Map<string, string[]>;
};

const scalarTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Float: 'double precision',
  Json: 'jsonb',
  DateTime: 'timestamp(3) without time zone',
  Decimal: 'numeric(65,30)',
};

function nativeType(prismaType: string, attributes: string): string {
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
  if (!native) {
    const scalar = scalarTypes[prismaType];
    if (!scalar) throw new Error(`unsupported Prisma type ${prismaType}`);
    return scalar;
  }
  const [, name, args] = native;
  switch (name) {
    case 'Timestamptz':
      return `timestamp(${args ?? '3'}) with time zone`;
    case 'Timestamp':
      return `timestamp(${args ?? '3'}) without time zone`;
    case 'Date':
      return 'date';
    case 'Uuid':
      return 'uuid';
    case 'Decimal':
      return `numeric(${(args ?? '65,30').replace(/\s/g, '')})`;
    case 'Text':
      return 'text';
    default:
      throw new Error(`unsupported native type @db.${name}`);
  }
}

const fieldList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Parses prisma/schema.prisma into the tables and indexes the database should have. */
export function readExpectedSchema(
  file = path.resolve(import.meta.dirname, '../prisma/schema.prisma'),
): ExpectedSchema {
  const source = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const tables = new Map<string, ExpectedColumn[]>();
  const indexes: ExpectedIndex[] = [];
  const models = new Map<string, string[]>();
  for (const match of source.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const [, model, body = ''] = match;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model!;
    const columnOf = new Map<string, string>();
    const columns: ExpectedColumn[] = [];
    const blockAttributes: string[] = [];
    for (const rawLine of body.split('\n')) {
      const line = rawLine.trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        blockAttributes.push(line);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) continue;
      const [, name = '', type = '', , optional, attributes = ''] = field;
      const column = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? name;
      columnOf.set(name, column);
      columns.push({
        name: column,
        type: nativeType(type, attributes),
        nullable: Boolean(optional),
      });
      if (/@id\b/.test(attributes))
        indexes.push({ table, columns: [column], unique: true, primary: true });
      if (/@unique\b/.test(attributes))
        indexes.push({ table, columns: [column], unique: true, primary: false });
    }
    for (const attribute of blockAttributes) {
      const kind = /^@@(id|index|unique)\(\[([^\]]*)\]/.exec(attribute);
      if (!kind) continue;
      const cols = fieldList(kind[2] ?? '').map((name) => columnOf.get(name) ?? name);
      indexes.push({
        table,
        columns: cols,
        unique: kind[1] !== 'index',
        primary: kind[1] === 'id',
      });
    }
    tables.set(table, columns);
    models.set(model!, [...columnOf.keys()]);
  }
  return { tables, indexes, models };
}
