import { describe, expect, it } from 'vitest';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import type { SendRule } from '@/lib/reports/schedules/schedule-schema';
import { localDay, wallTimeOf, zonedTimeToInstant } from '@/lib/reports/schedules/zoned-time';

const daily = (sendTime: string, timezone: string): SendRule => ({
  cadence: 'daily',
  sendTime,
  timezone,
});
const iso = (date: Date) => date.toISOString();

/** Every send from `start` (exclusive) for `count` sends. */
function sends(rule: SendRule, start: string, count: number): string[] {
  const out: string[] = [];
  let cursor = new Date(start);
  for (let i = 0; i < count; i++) {
    cursor = nextSendAt(rule, cursor);
    out.push(iso(cursor));
  }
  return out;
}

describe('zonedTimeToInstant', () => {
  it('reads ordinary times with the offset in force', () => {
    expect(iso(zonedTimeToInstant('2026-01-15', '08:00', 'Europe/London'))).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-07-15', '08:00', 'Europe/London'))).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-07-15', '23:30', 'Asia/Kolkata'))).toBe(
      '2026-07-15T18:00:00.000Z',
    );
  });

  it('maps a skipped time to the first minute after the gap, a repeated one to its first occurrence', () => {
    expect(iso(zonedTimeToInstant('2026-03-29', '01:30', 'Europe/London'))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-10-25', '01:30', 'Europe/London'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-03-08', '02:30', 'America/New_York'))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-11-01', '01:30', 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('round-trips through wallTimeOf', () => {
    const instant = zonedTimeToInstant('2026-11-29', '09:05', 'America/New_York');
    expect(wallTimeOf(instant, 'America/New_York')).toEqual({
      day: '2026-11-29',
      hour: 9,
      minute: 5,
    });
    expect(localDay(new Date('2026-11-29T03:00:00Z'), 'America/New_York')).toBe('2026-11-28');
  });
});

describe('nextSendAt across DST', () => {
  it('sends 08:00 Europe/London at 08:00 local on both sides of each change', () => {
    const rule = daily('08:00', 'Europe/London');
    expect(sends(rule, '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(sends(rule, '2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('sends 08:00 America/New_York at 08:00 local on both sides of each change', () => {
    const rule = daily('08:00', 'America/New_York');
    expect(sends(rule, '2026-03-07T00:00:00Z', 2)).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
    ]);
    expect(sends(rule, '2026-10-31T00:00:00Z', 2)).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z',
    ]);
  });

  it('sends a skipped time once, at the next valid minute', () => {
    expect(sends(daily('01:30', 'Europe/London'), '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z', // 02:00 BST: 01:30 does not exist that day
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(sends(daily('02:30', 'America/New_York'), '2026-03-07T00:00:00Z', 3)).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('sends a repeated time once, at its first occurrence', () => {
    expect(sends(daily('01:30', 'Europe/London'), '2026-10-24T00:00:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // 01:30 BST; the 01:30 GMT an hour later is not a send
      '2026-10-26T01:30:00.000Z',
    ]);
    expect(sends(daily('01:30', 'America/New_York'), '2026-10-31T00:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('sends exactly once per local day for a whole year, whatever the time', () => {
    for (const [time, zone] of [
      ['01:30', 'Europe/London'],
      ['02:30', 'America/New_York'],
      ['00:00', 'America/New_York'],
    ] as const) {
      const all = sends(daily(time, zone), '2025-12-31T23:59:00Z', 365);
      const days = all.map((instant) => localDay(new Date(instant), zone));
      expect(new Set(days).size, `${time} ${zone}`).toBe(365);
      expect(days[0]).toBe('2026-01-01');
      expect(days.at(-1)).toBe('2026-12-31');
    }
  });
});

describe('nextSendAt cadences', () => {
  it('sends weekly on its ISO weekday', () => {
    const rule: SendRule = {
      cadence: 'weekly',
      weekday: 1,
      sendTime: '08:00',
      timezone: 'Europe/London',
    };
    // Sun 2026-11-29 → Mon 2026-11-30; just after that send → the Monday after.
    expect(iso(nextSendAt(rule, new Date('2026-11-29T10:00:00Z')))).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    expect(iso(nextSendAt(rule, new Date('2026-11-30T08:00:00Z')))).toBe(
      '2026-12-07T08:00:00.000Z',
    );
  });

  it('sends monthly on a day, or on the last day of each month', () => {
    const last: SendRule = {
      cadence: 'monthly',
      monthDay: 0,
      sendTime: '18:00',
      timezone: 'America/New_York',
    };
    expect(sends(last, '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-31T23:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ]);
    const first: SendRule = { ...last, monthDay: 1 };
    expect(sends(first, '2028-01-15T00:00:00Z', 2)).toEqual([
      '2028-02-01T23:00:00.000Z',
      '2028-03-01T23:00:00.000Z',
    ]);
  });

  it('reads "after" in the zone: late evening UTC is already tomorrow in Asia', () => {
    const rule = daily('07:00', 'Asia/Tokyo');
    expect(iso(nextSendAt(rule, new Date('2026-11-29T21:00:00Z')))).toBe(
      '2026-11-29T22:00:00.000Z',
    );
  });
});
