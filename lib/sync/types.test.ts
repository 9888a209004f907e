import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, roleSchema, toRole } from '@/lib/users/user-schema';
import {
  ACCESS_STATUSES,
  SYNC_ENTITIES,
  SYNC_MODES,
  SYNC_RUN_STATUSES,
  accessStatusSchema,
  syncEntitySchema,
  syncModeSchema,
} from './types';

const schema = readFileSync(
  path.resolve(import.meta.dirname, '../../prisma/schema.prisma'),
  'utf8',
);

/** The `/// a | b | c` values documented above `field` in `model`. */
function documentedValues(model: string, field: string): string[] {
  const body = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
  const match = new RegExp(`///\\s*([\\w| ]+)\\n\\s*${field}\\s`).exec(body);
  if (!match) throw new Error(`no documented values above ${model}.${field}`);
  return match[1]!.split('|').map((value) => value.trim());
}

describe('stored vocabularies', () => {
  it('are the values prisma/schema.prisma documents for their columns', () => {
    expect(documentedValues('LocationAccess', 'entity')).toEqual([...SYNC_ENTITIES]);
    expect(documentedValues('LocationAccess', 'status')).toEqual([...ACCESS_STATUSES]);
    expect(documentedValues('SyncCheckpoint', 'entity')).toEqual([...SYNC_ENTITIES]);
    expect(documentedValues('SyncCheckpoint', 'mode')).toEqual([...SYNC_MODES]);
    expect(documentedValues('SyncRun', 'mode')).toEqual([...SYNC_MODES]);
    expect(documentedValues('SyncRun', 'status')).toEqual([...SYNC_RUN_STATUSES]);
    expect(documentedValues('User', 'role')).toEqual([...ROLES]);
  });

  it('parse what the database holds and refuse anything else', () => {
    expect(syncEntitySchema.parse('transactions')).toBe('transactions');
    expect(syncEntitySchema.safeParse('invoices').success).toBe(false);
    expect(syncModeSchema.safeParse('FULL').success).toBe(false);
    expect(accessStatusSchema.parse('token_revoked')).toBe('token_revoked');
    expect(accessStatusSchema.safeParse('unavailable').success).toBe(false);
    expect(roleSchema.safeParse('owner').success).toBe(false);
    // A stored role the code does not know grants the least.
    expect(toRole('owner')).toBe('staff');
    expect(toRole('admin')).toBe('admin');
  });
});
