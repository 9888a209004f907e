import { addDays } from '@/lib/metrics/report-range';
import type { SendRule } from '@/lib/reports/schedules/schedule-schema';
import { localDay, zonedTimeToInstant } from '@/lib/reports/schedules/zoned-time';

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The last calendar day of a day's month. */
export function lastDayOfMonth(day: string): string {
  const [year = 0, month = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Whether the cadence sends on a local calendar day. */
export function sendsOnDay(rule: SendRule, day: string): boolean {
  switch (rule.cadence) {
    case 'daily':
      return true;
    case 'weekly':
      return isoWeekday(day) === rule.weekday;
    case 'monthly':
      return rule.monthDay === 0
        ? day === lastDayOfMonth(day)
        : Number(day.slice(8)) === rule.monthDay;
  }
}

/**
 * The first send strictly after `after`: the next day the cadence sends on, at HH:MM in the rule's
 * zone, read with DST's rules (zonedTimeToInstant): 08:00 is 08:00 local on both sides of a change;
 * a time skipped by a spring-forward sends once, at the first minute after the gap; a time repeated
 * by a fall-back sends once, at its first occurrence.
 */
export function nextSendAt(rule: SendRule, after: Date): Date {
  // Start a day early: the zone's local day may be behind UTC's.
  let day = addDays(localDay(after, rule.timezone), -1);
  // A monthly rule sends at least every 31 days; 400 days is a generous bound.
  for (let i = 0; i < 400; i++, day = addDays(day, 1)) {
    if (!sendsOnDay(rule, day)) continue;
    const instant = zonedTimeToInstant(day, rule.sendTime, rule.timezone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error(`nextSendAt: no send within 400 days of ${after.toISOString()}`);
}
