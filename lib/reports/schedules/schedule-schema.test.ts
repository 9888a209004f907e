import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CADENCES,
  COMPARISONS,
  COVERAGES,
  DELIVERY_STATUSES,
  FRESHNESS_MODES,
  MAX_RECIPIENTS,
  PERIOD_KINDS,
  REPORT_KINDS,
  scheduleInputSchema,
  sendRuleOf,
} from '@/lib/reports/schedules/schedule-schema';

const valid = {
  name: 'Monday numbers',
  report: 'agency',
  coverage: 'all',
  period: 'last-week',
  comparison: 'previous-period',
  cadence: 'weekly',
  weekday: '1',
  sendTime: '08:00',
  timezone: 'Europe/London',
  recipients: 'Owner@Example.com, ops@example.com\nowner@example.com',
};

function fieldErrors(input: unknown): Record<string, string> {
  const result = scheduleInputSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('scheduleInputSchema', () => {
  it('accepts a form submission: addresses split, lower-cased, deduplicated; numbers coerced', () => {
    const parsed = scheduleInputSchema.parse(valid);
    expect(parsed.recipients).toEqual(['owner@example.com', 'ops@example.com']);
    expect(parsed.weekday).toBe(1);
    expect(parsed.freshnessMode).toBe('warn');
    expect(sendRuleOf(parsed)).toEqual({
      cadence: 'weekly',
      weekday: 1,
      sendTime: '08:00',
      timezone: 'Europe/London',
    });
  });

  it('names each bad field', () => {
    expect(
      fieldErrors({
        ...valid,
        sendTime: '8am',
        timezone: 'Mars/Olympus',
        weekday: '9',
        recipients: 'not-an-address',
      }),
    ).toEqual({
      sendTime: 'expected a time as HH:MM (24-hour)',
      timezone: 'expected an IANA time zone such as Europe/London',
      weekday: 'expected a weekday 1 (Mon) … 7 (Sun)',
      'recipients.0': 'expected an email address such as ana@example.com',
    });
  });

  it('caps recipients and requires what the cadence, period and coverage need', () => {
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `u${i}@example.com`);
    expect(fieldErrors({ ...valid, recipients: many })).toEqual({
      recipients: `expected at most ${MAX_RECIPIENTS} addresses`,
    });
    expect(
      fieldErrors({ ...valid, cadence: 'monthly', weekday: null, period: 'last-n-days' }),
    ).toEqual({
      periodDays: 'expected the number of days',
      monthDay: 'expected a day of the month',
    });
    expect(
      fieldErrors({ ...valid, coverage: 'burst', locationIds: ['a', 'b'], recipients: '' }),
    ).toEqual({ locationRecipients: 'expected recipients for a, b' });
    expect(fieldErrors({ ...valid, cadence: 'monthly', monthDay: '31' })).toEqual({
      monthDay: 'expected a day 1 … 28, or 0 for the last day of the month',
    });
  });

  it('keeps the vocabularies equal to the values prisma/schema.prisma documents', () => {
    const schema = readFileSync('prisma/schema.prisma', 'utf8');
    for (const list of [
      REPORT_KINDS,
      COVERAGES,
      PERIOD_KINDS,
      COMPARISONS,
      CADENCES,
      FRESHNESS_MODES,
      DELIVERY_STATUSES,
    ]) {
      expect(schema).toContain(`/// ${list.join(' | ')}`);
    }
  });
});
