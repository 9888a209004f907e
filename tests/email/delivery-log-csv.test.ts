import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Db } from '@/lib/db/client';
import { deliveryLogCsvLines } from '@/lib/reports/delivery/delivery-log-csv';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { parseCsv } from '@/tests/email/helpers';

const state = vi.hoisted(() => ({
  db: undefined as Db | undefined,
  user: null as SessionUser | null,
}));
vi.mock('@/lib/auth/get-session-user', () => ({ getSessionUser: async () => state.user }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  db: () => state.db,
}));
const { GET } = await import('@/app/api/settings/schedules/deliveries.csv/route');

let t: TestDatabase;
let scheduleId: string;
const user = (role: 'admin' | 'staff'): SessionUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: `${role}@agency.test`,
  name: role,
  role,
  locationIds: [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  scheduleId = await createSchedule(t.db, {
    name: '=Formula name',
    report: 'agency',
    coverage: 'all',
    period: 'yesterday',
    comparison: 'none',
    cadence: 'daily',
    sendTime: '08:00',
    timezone: 'UTC',
    recipients: ['a@agency.test'],
  });
  // Seven deliveries, two of them due at the same instant (the keyset breaks ties by id).
  const dues = [1, 2, 3, 3, 4, 5, 6].map((d) => new Date(Date.UTC(2026, 10, d, 8)));
  await t.db.reportDelivery.createMany({
    data: dues.map((dueAt, i) => ({
      scheduleId,
      periodFrom: dueAt,
      periodTo: dueAt,
      locationKey: `k${i}`,
      status: i === 6 ? 'failed' : 'sent',
      dueAt,
      nextAttemptAt: dueAt,
      messageId: `<m${i}@pulse.test>`,
    })),
  });
});
afterAll(async () => {
  await t?.drop();
});

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

describe('the delivery log CSV', () => {
  it('pages through every delivery once, newest first, whatever the page size', async () => {
    const whole = await collect(deliveryLogCsvLines(t.db, {}, 1000));
    for (const size of [1, 2, 3])
      expect(await collect(deliveryLogCsvLines(t.db, {}, size))).toBe(whole);
    const rows = parseCsv(whole);
    expect(rows.map((r) => r.location_key)).toEqual(
      expect.arrayContaining(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']),
    );
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({
      location_key: 'k6',
      status: 'failed',
      schedule_name: "'=Formula name",
    });
    expect(rows.map((r) => r.due_at)).toEqual([...rows.map((r) => r.due_at)].sort().reverse());
  });

  it('is served to admins with the page’s filters, and to nobody else', async () => {
    const url = 'http://pulse.test/api/settings/schedules/deliveries.csv?status=failed';
    state.user = null;
    expect((await GET(new Request(url))).status).toBe(401);
    state.user = user('staff');
    expect((await GET(new Request(url))).status).toBe(404);
    state.user = user('admin');
    const response = await GET(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(await response.text());
    expect(rows.map((r) => r.location_key)).toEqual(['k6']);
  });
});
