import { expect, it } from 'vitest';
import { winRate } from '@/lib/metrics/win-rate';

it.each([
  [2, 1, '0.6667'],
  [1, 2, '0.3333'],
  [1, 0, '1.0000'],
  [0, 3, '0.0000'],
  [1, 31, '0.0313'], // 0.03125 exactly: half-up
  [3, 1, '0.7500'],
  [0, 0, null],
])('winRate(%i won, %i lost) = %j', (won, lost, expected) => {
  expect(winRate(won, lost)).toBe(expected);
});
