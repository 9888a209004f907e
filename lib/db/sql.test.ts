import { expect, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client';
import { effectiveTimeZone, localDay, localDayStart, locationIdFilter } from '@/lib/db/sql';

it('keeps known IANA zones and aliases, falls back to UTC otherwise', () => {
  expect(effectiveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  expect(effectiveTimeZone('Asia/Calcutta')).toBe('Asia/Calcutta');
  expect(effectiveTimeZone('America/St_Johns')).toBe('America/St_Johns');
  expect(effectiveTimeZone('')).toBe('UTC');
  expect(effectiveTimeZone('Mars/Olympus_Mons')).toBe('UTC');
});

it('builds parameterised fragments, never string-built SQL', () => {
  const day = localDay(Prisma.sql`c.date_added`, Prisma.sql`${'Asia/Kolkata'}::text`);
  expect(day.sql).toBe('((c.date_added) AT TIME ZONE ?::text)::date');
  expect(day.values).toEqual(['Asia/Kolkata']);
  expect(localDayStart(Prisma.sql`d`, Prisma.sql`l.timezone`).sql).toBe(
    '((d)::timestamp AT TIME ZONE l.timezone)',
  );
  const some = locationIdFilter(Prisma.sql`l.id`, ["a'; DROP TABLE locations; --", 'b']);
  expect(some.sql).toBe('l.id = ANY(?::text[])');
  expect(some.values).toEqual([["a'; DROP TABLE locations; --", 'b']]);
  expect(locationIdFilter(Prisma.sql`l.id`).sql).toBe('TRUE');
});
