import { describe, expect, it } from 'vitest';
import {
  describeRunStatus,
  describeSyncRun,
  formatRelative,
  HEALTH_COLUMNS,
} from '@/lib/metrics/format-sync-health';

describe('formatRelative', () => {
  const from = '2026-11-28T12:00:00.000Z';
  it('says how long ago, in minutes, hours or days', () => {
    expect(formatRelative('2026-11-28T11:59:45.000Z', from)).toBe('just now');
    expect(formatRelative('2026-11-28T11:48:00.000Z', from)).toBe('12 min ago');
    expect(formatRelative('2026-11-28T09:00:00.000Z', from)).toBe('3 h ago');
    expect(formatRelative('2026-11-25T12:00:00.000Z', from)).toBe('3 days ago');
    expect(formatRelative('2026-11-28T12:15:00.000Z', from)).toBe('in 15 min');
  });
});

describe('describeSyncRun', () => {
  it('says what kind of sync ran and who started it, keeping the codes as technical detail', () => {
    expect(describeSyncRun({ mode: 'full', trigger: 'cli' })).toEqual({
      label: 'Full sync, started from the command line',
      technical: 'full (cli)',
    });
    expect(describeSyncRun({ mode: 'incremental', trigger: 'schedule' })).toEqual({
      label: 'Update of recent changes, started automatically on schedule',
      technical: 'incremental (schedule)',
    });
    expect(describeSyncRun({ mode: 'full', trigger: 'web' }).label).toBe(
      'Full sync, started from this dashboard',
    );
  });

  it('shows codes it does not know as they are instead of guessing', () => {
    expect(describeSyncRun({ mode: 'full', trigger: 'api' }).label).toBe('Full sync (api)');
    expect(describeSyncRun({ mode: 'repair', trigger: 'cli' })).toEqual({
      label: 'repair (cli)',
      technical: 'repair (cli)',
    });
  });
});

describe('describeRunStatus', () => {
  it('words each stored run status, keeping the code', () => {
    expect(describeRunStatus('running')).toEqual({ label: 'Still running', technical: 'running' });
    expect(describeRunStatus('ok').label).toBe('Finished, every location read');
    expect(describeRunStatus('partial')).toEqual({
      label: 'Finished, some locations had problems',
      technical: 'partial',
    });
    expect(describeRunStatus('failed').label).toBe('Failed');
    expect(describeRunStatus('weird')).toEqual({ label: 'weird', technical: 'weird' });
  });
});

describe('HEALTH_COLUMNS', () => {
  it('labels the columns in plain words, with the operator terms only in the technical text', () => {
    const labels = Object.values(HEALTH_COLUMNS).map((c) => c.label);
    for (const label of labels) {
      expect(label).not.toMatch(/429|headroom|entity|token|\(cli\)/i);
    }
    expect(HEALTH_COLUMNS.rateLimited.label).toBe('Times GHL asked us to slow down (24 h)');
    expect(HEALTH_COLUMNS.rateLimited.technical).toContain('429');
    expect(HEALTH_COLUMNS.minRemaining.label).toBe('Lowest remaining request budget');
    expect(HEALTH_COLUMNS.minRemaining.technical).toMatch(/headroom/i);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
