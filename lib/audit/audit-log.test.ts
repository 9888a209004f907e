import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/db';
import type { AuditValue } from './audit-actions';
import { AUDIT_PAGE_SIZE, auditFiltersSchema, listAuditEntries } from './list-audit-entries';
import { AuditSecretError, writeAuditEntry } from './write-audit-entry';

const t = useTestDatabase();
const admin = { id: '00000000-0000-4000-8000-000000000001', email: 'ana@example.com' };
const other = { id: null, email: 'kim@example.com' };

describe('writeAuditEntry', () => {
  it('refuses a before/after value with a secret-looking key, at any depth, and writes nothing', async () => {
    const secrets: AuditValue[] = [
      { password: 'x' },
      { passwordHash: 'x' },
      { nested: { token: 'pit-abc' } },
      { list: [{ setPasswordLink: 'https://x/set-password#t' }] },
      { ciphertext: 'x' },
    ];
    for (const after of secrets) {
      await expect(
        writeAuditEntry(t.db, {
          actor: admin,
          action: 'token.set',
          target: { type: 'location', id: 'loc_a' },
          after,
        }),
      ).rejects.toThrow(AuditSecretError);
    }
    expect(await t.db.auditLogEntry.count()).toBe(0);
  });

  it('records a fingerprint, and nothing when the transaction that made the change rolls back', async () => {
    await writeAuditEntry(t.db, {
      actor: admin,
      action: 'token.set',
      target: { type: 'location', id: 'loc_a', label: 'Acme' },
      before: null,
      after: { fingerprint: 'pit-…a1b2', tokenKind: 'location' },
    });
    await expect(
      t.db.$transaction(async (tx) => {
        await writeAuditEntry(tx, {
          actor: admin,
          action: 'token.remove',
          target: { type: 'location', id: 'loc_a' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await t.db.auditLogEntry.findMany();
    expect(rows).toMatchObject([
      {
        actorId: admin.id,
        actorEmail: admin.email,
        action: 'token.set',
        targetType: 'location',
        targetId: 'loc_a',
        targetLabel: 'Acme',
        before: null,
        after: { fingerprint: 'pit-…a1b2', tokenKind: 'location' },
      },
    ]);
    await t.db.auditLogEntry.deleteMany();
  });
});

describe('listAuditEntries', () => {
  it('filters by part of the actor email, action and period (UTC days, inclusive), newest first, and pages', async () => {
    const at = (iso: string) => new Date(iso);
    await t.db.auditLogEntry.createMany({
      data: [
        {
          at: at('2026-11-01T10:00:00Z'),
          actorEmail: admin.email,
          action: 'user.create',
          targetType: 'user',
        },
        {
          at: at('2026-11-02T23:59:59Z'),
          actorEmail: admin.email,
          action: 'token.set',
          targetType: 'location',
        },
        {
          at: at('2026-11-03T00:00:00Z'),
          actorEmail: other.email,
          action: 'token.set',
          targetType: 'location',
        },
        {
          at: at('2026-11-04T08:00:00Z'),
          actorEmail: other.email,
          action: 'sync.request',
          targetType: 'sync',
        },
      ],
    });
    const list = async (query: Record<string, string>) =>
      (await listAuditEntries(t.db, auditFiltersSchema.parse(query))).entries.map(
        (e) => `${e.at.slice(0, 10)} ${e.actorEmail} ${e.action}`,
      );
    expect(await list({})).toEqual([
      '2026-11-04 kim@example.com sync.request',
      '2026-11-03 kim@example.com token.set',
      '2026-11-02 ana@example.com token.set',
      '2026-11-01 ana@example.com user.create',
    ]);
    expect(await list({ actor: 'ANA@' })).toEqual([
      '2026-11-02 ana@example.com token.set',
      '2026-11-01 ana@example.com user.create',
    ]);
    expect(await list({ action: 'token.set' })).toHaveLength(2);
    expect(await list({ from: '2026-11-02', to: '2026-11-03' })).toEqual([
      '2026-11-03 kim@example.com token.set',
      '2026-11-02 ana@example.com token.set',
    ]);
    // A bad filter value is ignored rather than failing the page.
    expect(await list({ action: 'drop table', from: 'yesterday' })).toHaveLength(4);

    await t.db.auditLogEntry.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => ({
        at: at(`2026-10-01T00:00:${String(i % 60).padStart(2, '0')}Z`),
        actorEmail: 'bulk@example.com',
        action: 'user.update',
        targetType: 'user',
      })),
    });
    const first = await listAuditEntries(t.db, auditFiltersSchema.parse({}));
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAuditEntries(
      t.db,
      auditFiltersSchema.parse({ before: first.nextBefore ?? '' }),
    );
    expect(second.entries).toHaveLength(4);
    expect(second.nextBefore).toBeNull();
    const ids = new Set([...first.entries, ...second.entries].map((e) => e.id));
    expect(ids.size).toBe(AUDIT_PAGE_SIZE + 4);
  });
});
