import { expect, it } from 'vitest';
import { compareDecimals } from '@/lib/metrics/decimal';
import { summarizeCurrencySeries } from '@/lib/metrics/summarize-currency-series';

const point = (day: string, net: string, paymentsCount = 1) => ({
  day,
  paymentsCount,
  gross: net,
  refunded: '0.00',
  net,
});

it('sums a currency series exactly and finds its best day (the first of equals)', () => {
  const points = [
    point('2026-10-01', '0.10', 2),
    point('2026-10-02', '99999999999999.99'),
    point('2026-10-03', '-5.00'),
    point('2026-10-04', '99999999999999.99', 3),
  ];
  expect(summarizeCurrencySeries(points)).toEqual({
    net: '199999999999995.08',
    paymentsCount: 7,
    bestDay: points[1],
  });
});

it('has no best day when no day had a positive net', () => {
  expect(summarizeCurrencySeries([point('2026-10-01', '0.00', 0)])).toEqual({
    net: '0.00',
    paymentsCount: 0,
    bestDay: null,
  });
  expect(summarizeCurrencySeries([])).toEqual({ net: '0', paymentsCount: 0, bestDay: null });
});

it('orders decimals exactly', () => {
  expect(compareDecimals('0.1', '0.10')).toBe(0);
  expect(compareDecimals('-2', '1.5')).toBe(-1);
  expect(compareDecimals('10000000000000000.01', '10000000000000000.00')).toBe(1);
});
