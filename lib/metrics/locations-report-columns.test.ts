import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  LOCATION_COUNTS,
  LOCATIONS_CSV_HEADERS,
  LOCATIONS_REPORT_COLUMNS,
} from '@/lib/metrics/locations-report-columns';
import { row } from '@/lib/metrics/testing/report-rows';

const docs = () => readFile(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

describe('the locations report column registry', () => {
  it('has one column per report row field, each key and header once', () => {
    const keys = LOCATIONS_REPORT_COLUMNS.map((column) => column.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(LOCATIONS_CSV_HEADERS).size).toBe(LOCATIONS_CSV_HEADERS.length);
    expect([...keys, 'unavailable'].sort()).toEqual(Object.keys(row({})).sort());
  });

  it('links every column to a heading of docs/metrics.md, which defines its header', async () => {
    const text = await docs();
    const anchors = new Set(
      [...text.matchAll(/^#+ (.+)$/gm)].map((match) => `docs/metrics.md#${anchor(match[1]!)}`),
    );
    for (const column of LOCATIONS_REPORT_COLUMNS) {
      expect(anchors, column.key).toContain(column.definition);
      expect(text, column.header).toContain(`\`${column.header}\``);
    }
  });

  it('is the column order docs/metrics.md gives for the CSV', async () => {
    const text = await docs();
    const listed = /Columns, in this order: ([^.]+)\./.exec(text)?.[1];
    expect(
      listed
        ?.replace(/\s+/g, ' ')
        .split(', ')
        .map((h) => h.replaceAll('`', '')),
    ).toEqual(LOCATIONS_CSV_HEADERS);
  });

  it('sums location-wide counts once per location and payments per currency', () => {
    expect(LOCATION_COUNTS).toEqual([
      'newContacts',
      'totalContacts',
      'opportunitiesCreated',
      'opportunitiesWon',
      'opportunitiesLost',
      'activeSubscriptions',
    ]);
  });
});
