import { expect, it } from 'vitest';
import { formatMoney } from '@/lib/metrics/format-money';

it.each([
  ['1234.5000', 'USD', '1234.50'],
  ['0.0000', 'USD', '0.00'],
  ['0', '', '0.00'],
  ['12000.0000', 'JPY', '12000'],
  ['12000.5000', 'JPY', '12000.5'],
  ['1.2500', 'BHD', '1.250'],
  ['0.1234', 'USD', '0.1234'],
  ['-12.5000', 'USD', '-12.50'],
  ['-0.0000', 'USD', '0.00'],
  ['007.10', 'EUR', '7.10'],
  ['99999999999999.9999', 'USD', '99999999999999.9999'],
  ['5', 'XYZ1', '5.00'],
  // A won value leaves the report with 2 decimals (the CSV's shape) and is shown in the
  // location's own currency: issue 13's "1,453,184.00" yen reads 1453184.
  ['1453184.00', 'JPY', '1453184'],
  ['999.99', 'JPY', '999.99'],
])('formatMoney(%j, %j) = %j', (value, currency, expected) => {
  expect(formatMoney(value, currency)).toBe(expected);
});

it('refuses anything that is not a decimal', () => {
  expect(() => formatMoney('1e5', 'USD')).toThrow(/not a decimal/);
  expect(() => formatMoney('NaN', 'USD')).toThrow(/not a decimal/);
});
