import { describe, expect, it } from 'vitest';
import { getBiggestMovers } from '@/lib/metrics/get-biggest-movers';
import { row } from '@/lib/metrics/testing/report-rows';

const at = (id: string, over: Parameters<typeof row>[0] = {}) =>
  row({ locationId: id, locationName: id.toUpperCase(), ...over });

describe('getBiggestMovers', () => {
  it('ranks the largest increases and decreases in new contacts, ties by name', () => {
    const now = [
      at('a', { newContacts: 10 }),
      at('b', { newContacts: 3 }),
      at('c', { newContacts: 0 }),
      at('d', { newContacts: 7 }),
      at('e', { newContacts: 5 }),
      at('f', { newContacts: null, unavailable: ['contacts'] }),
    ];
    const before = [
      at('a', { newContacts: 2 }),
      at('b', { newContacts: 3 }),
      at('c', { newContacts: 4 }),
      at('d', { newContacts: 0 }),
      at('e', { newContacts: 9 }),
      at('f', { newContacts: null, unavailable: ['contacts'] }),
    ];
    const { newContacts } = getBiggestMovers(now, before, 2);
    expect(newContacts.compared).toBe(5);
    expect(newContacts.up.map((m) => [m.locationId, m.delta, m.percent, m.isNew])).toEqual([
      ['a', '8', '400.0', false],
      ['d', '7', null, true],
    ]);
    // c and e both fell by 4: the tie goes by name.
    expect(newContacts.down.map((m) => [m.locationId, m.delta, m.previous, m.current])).toEqual([
      ['c', '-4', '4', '0'],
      ['e', '-4', '9', '5'],
    ]);
    // b did not move: in neither list.
    expect([...newContacts.up, ...newContacts.down].some((m) => m.locationId === 'b')).toBe(false);
  });

  it('ranks net payments within each currency, a currency missing in one period counting 0', () => {
    const now = [
      at('a', { currency: 'USD', paymentsNet: '100.00' }),
      at('a', { currency: 'JPY', paymentsNet: '5000' }),
      at('b', { currency: 'USD', paymentsNet: '10.50' }),
      at('c', { paymentsCount: null, paymentsNet: null, unavailable: ['transactions'] }),
    ];
    const before = [
      at('a', { currency: 'USD', paymentsNet: '40.00' }),
      at('b', { currency: 'USD', paymentsNet: '20.00' }),
      at('b', { currency: 'JPY', paymentsNet: '9000' }),
      at('c', { currency: 'USD', paymentsNet: '999.00' }),
    ];
    const { paymentsNet } = getBiggestMovers(now, before);
    expect(
      paymentsNet.map((g) => [
        g.currency,
        g.compared,
        g.up.map((m) => [m.locationId, m.delta]),
        g.down.map((m) => [m.locationId, m.delta]),
      ]),
    ).toEqual([
      ['JPY', 2, [['a', '5000']], [['b', '-9000']]],
      ['USD', 2, [['a', '60.00']], [['b', '-9.50']]],
    ]);
    // ¥5,000 and $60 are never in one list: c (unreadable now) is not ranked at all.
    expect(paymentsNet.flatMap((g) => [...g.up, ...g.down]).some((m) => m.locationId === 'c')).toBe(
      false,
    );
  });

  it('ranks won value only among locations paid in the same single currency', () => {
    const now = [
      at('usd1', { currency: 'USD', wonValue: '500.00' }),
      at('usd2', { currency: 'USD', wonValue: '100.00' }),
      at('jpy', { currency: 'JPY', wonValue: '900000.00' }),
      at('two', { currency: 'EUR', wonValue: '50.00' }),
      at('none', { wonValue: '70.00' }),
      at('blind', { wonValue: null, unavailable: ['opportunities'] }),
    ];
    const before = [
      at('usd1', { wonValue: '200.00' }),
      at('usd2', { currency: 'USD', wonValue: '300.00' }),
      at('jpy', { currency: 'JPY', wonValue: '100000.00' }),
      at('two', { currency: 'USD', wonValue: '10.00' }),
      at('none', { wonValue: '0.00' }),
      at('blind', { wonValue: '1.00' }),
    ];
    const movers = getBiggestMovers(now, before);
    expect(
      movers.wonValue.map((g) => [
        g.currency,
        g.up.map((m) => [m.locationId, m.delta, m.current]),
        g.down.map((m) => [m.locationId, m.delta]),
      ]),
    ).toEqual([
      ['JPY', [['jpy', '800000', '900000']], []],
      ['USD', [['usd1', '300.00', '500.00']], [['usd2', '-200.00']]],
    ]);
    // "two" was paid in EUR and USD, "none" in nothing: their currency is unknown, not guessed.
    expect(movers.wonValueUnranked).toBe(2);
  });

  it('leaves out a location that is not in the comparison report', () => {
    const movers = getBiggestMovers([at('new', { newContacts: 5 })], []);
    expect(movers.newContacts).toEqual({
      metric: 'newContacts',
      currency: null,
      compared: 0,
      up: [],
      down: [],
    });
  });
});
