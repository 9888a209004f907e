import { describe, expect, it } from 'vitest';
import { compareToPrevious } from './compare-to-previous';
import { previousPeriod } from './previous-period';

describe('previousPeriod', () => {
  it('is the N days immediately before from', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: '2026-08-31',
      to: '2026-09-30',
    });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-01' })).toEqual({
      from: '2026-09-30',
      to: '2026-09-30',
    });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-07' })).toEqual({
      from: '2024-02-23',
      to: '2024-02-29',
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-14' })).toEqual({
      from: '2025-12-18',
      to: '2025-12-31',
    });
  });

  it('refuses something that is not a period', () => {
    expect(() => previousPeriod({ from: '2026-10-31', to: '2026-10-01' })).toThrow();
    expect(() => previousPeriod({ from: 'x', to: '2026-10-01' })).toThrow();
  });
});

describe('compareToPrevious', () => {
  it('gives the exact difference and the change in percent', () => {
    expect(compareToPrevious(3, 2)).toEqual({
      isAvailable: true,
      previous: '2',
      delta: '1',
      percent: '50.0',
      isNew: false,
      direction: 'up',
    });
    expect(compareToPrevious(1, 3)).toMatchObject({
      delta: '-2',
      percent: '-66.7',
      direction: 'down',
    });
    expect(compareToPrevious('325.50', '75.00')).toMatchObject({
      previous: '75.00',
      delta: '250.50',
      percent: '334.0',
    });
    expect(compareToPrevious('0.1', '0.30')).toMatchObject({ delta: '-0.20', percent: '-66.7' });
    expect(compareToPrevious(0, 5)).toMatchObject({ delta: '-5', percent: '-100.0', isNew: false });
    expect(compareToPrevious(4, 4)).toMatchObject({
      delta: '0',
      percent: '0.0',
      direction: 'flat',
    });
  });

  it('measures the change against |previous| when the previous value was negative', () => {
    expect(compareToPrevious('10.00', '-10.00')).toMatchObject({
      delta: '20.00',
      percent: '200.0',
      direction: 'up',
    });
  });

  it('says "new" when the previous value was 0', () => {
    expect(compareToPrevious(7, 0)).toMatchObject({ isNew: true, percent: null, delta: '7' });
    expect(compareToPrevious('0.00', '0')).toMatchObject({
      isNew: false,
      percent: null,
      delta: '0.00',
      direction: 'flat',
    });
  });

  it('is unavailable when either side is', () => {
    expect(compareToPrevious(null, 3)).toEqual({ isAvailable: false });
    expect(compareToPrevious(3, null)).toEqual({ isAvailable: false });
  });
});
