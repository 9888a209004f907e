import { compareToPrevious } from '@/lib/metrics/compare-to-previous';
import { compareDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';

export type MoverMetric = 'newContacts' | 'wonValue' | 'paymentsNet';

/** One location's move on one metric; values are whole numbers as text or exact money strings. */
export type Mover = {
  locationId: string;
  locationName: string;
  current: string;
  previous: string;
  /** current − previous, exact. */
  delta: string;
  /** Change relative to |previous| in percent (1 decimal); null when previous is 0. */
  percent: string | null;
  /** Previous was 0 and current is not. */
  isNew: boolean;
};

/** The movers of one metric, in one currency for money (null for counts). */
export type MoverGroup = {
  metric: MoverMetric;
  currency: string | null;
  /** Locations whose value could be read in both periods (the ones ranked). */
  compared: number;
  /** The largest increases first; only locations that went up. */
  up: Mover[];
  /** The largest decreases first; only locations that went down. */
  down: Mover[];
};

export type BiggestMovers = {
  newContacts: MoverGroup;
  /** Per currency, sorted by code: locations grouped by the one currency they were paid in. */
  wonValue: MoverGroup[];
  /** Readable won values not ranked: the location was paid in no currency or in several. */
  wonValueUnranked: number;
  /** Per payment currency, sorted by code. */
  paymentsNet: MoverGroup[];
};

type LocationFigures = {
  locationId: string;
  locationName: string;
  newContacts: number | null;
  wonValue: string | null;
  /** Net per currency paid in; null when payments could not be read. */
  net: Map<string, string> | null;
};

/** A report's rows (one per location and currency) folded into one entry per location. */
function byLocation(rows: readonly LocationsReportRow[]): Map<string, LocationFigures> {
  const locations = new Map<string, LocationFigures>();
  for (const row of rows) {
    let figures = locations.get(row.locationId);
    if (!figures) {
      figures = {
        locationId: row.locationId,
        locationName: row.locationName,
        newContacts: row.newContacts,
        wonValue: row.wonValue,
        net: row.paymentsCount === null ? null : new Map(),
      };
      locations.set(row.locationId, figures);
    }
    if (figures.net && row.currency !== '' && row.paymentsNet !== null)
      figures.net.set(row.currency, row.paymentsNet);
  }
  return locations;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function rank(metric: MoverMetric, currency: string | null, movers: Mover[], limit: number) {
  const byName = (a: Mover, b: Mover) =>
    collator.compare(a.locationName, b.locationName) ||
    (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0);
  const up = movers
    .filter((m) => compareDecimals(m.delta, '0') > 0)
    .sort((a, b) => compareDecimals(b.delta, a.delta) || byName(a, b));
  const down = movers
    .filter((m) => compareDecimals(m.delta, '0') < 0)
    .sort((a, b) => compareDecimals(a.delta, b.delta) || byName(a, b));
  return {
    metric,
    currency,
    compared: movers.length,
    up: up.slice(0, limit),
    down: down.slice(0, limit),
  };
}

function mover(figures: LocationFigures, current: string, previous: string): Mover {
  const change = compareToPrevious(current, previous);
  if (!change.isAvailable) throw new Error('getBiggestMovers: both values are required');
  return {
    locationId: figures.locationId,
    locationName: figures.locationName,
    current,
    previous,
    delta: change.delta,
    percent: change.percent,
    isNew: change.isNew,
  };
}

/** Adds `item` to the list under `key`. */
function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key) ?? [];
  list.push(item);
  map.set(key, list);
}

const byCode = <T>(map: Map<string, T>) =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The biggest movers between a period and its comparison (docs/metrics.md, "Biggest movers"), over
 * the same locations: per location the change in new contacts, in won value and in net payments
 * per currency, then the `limit` largest increases and decreases of each. A location is ranked on
 * a metric only when it could read it in both periods. Money is never compared across currencies:
 * net payments are ranked within each payment currency (a currency paid in only one of the periods
 * counts as 0 in the other), and won value, which GHL keeps in the location's own currency without
 * naming it, is ranked among the locations paid in that same single currency in either period;
 * the others are counted in `wonValueUnranked`, not guessed.
 */
export function getBiggestMovers(
  current: readonly LocationsReportRow[],
  previous: readonly LocationsReportRow[],
  limit = 3,
): BiggestMovers {
  const now = byLocation(current);
  const before = byLocation(previous);
  const contacts: Mover[] = [];
  const won = new Map<string, Mover[]>();
  const net = new Map<string, Mover[]>();
  let wonValueUnranked = 0;

  for (const figures of now.values()) {
    const earlier = before.get(figures.locationId);
    if (!earlier) continue;
    if (figures.newContacts !== null && earlier.newContacts !== null)
      contacts.push(mover(figures, String(figures.newContacts), String(earlier.newContacts)));

    const paidIn = new Set([...(figures.net?.keys() ?? []), ...(earlier.net?.keys() ?? [])]);
    if (figures.net && earlier.net) {
      for (const currency of paidIn) {
        const zero = formatMoney('0', currency);
        push(
          net,
          currency,
          mover(figures, figures.net.get(currency) ?? zero, earlier.net.get(currency) ?? zero),
        );
      }
    }

    if (figures.wonValue !== null && earlier.wonValue !== null) {
      const [only] = paidIn;
      if (paidIn.size === 1 && only !== undefined) {
        push(
          won,
          only,
          mover(figures, formatMoney(figures.wonValue, only), formatMoney(earlier.wonValue, only)),
        );
      } else wonValueUnranked += 1;
    }
  }

  return {
    newContacts: rank('newContacts', null, contacts, limit),
    wonValue: byCode(won).map(([currency, movers]) => rank('wonValue', currency, movers, limit)),
    wonValueUnranked,
    paymentsNet: byCode(net).map(([currency, movers]) =>
      rank('paymentsNet', currency, movers, limit),
    ),
  };
}
