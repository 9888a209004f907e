import { ghlId } from './ids';
import { zoneFor } from './locations';
import { buildPipelines } from './gen-pipelines';
import { Rng, hash32 } from './prng';
import { boundaryInstants, type ZoneInfo } from './timezones';
import type { Pipeline, SimLocation } from './types';

const DAY_MS = 86_400_000;

/** Everything a record generator needs about its location; cheap to build, cached by the world. */
export type LocationContext = {
  seed: number;
  nowMs: number;
  loc: SimLocation;
  zone: ZoneInfo;
  /** Instants that records are pinned to: each local midnight `b` yields `b - 1` and `b`. */
  boundaryTimes: number[];
  /** Bulk-import instants: many contacts share each one exactly (cursor tie-breaks). */
  importTimes: number[];
  userIds: string[];
  customFieldIds: string[];
  pipelines: Pipeline[];
};

export function buildContext(seed: number, nowMs: number, loc: SimLocation): LocationContext {
  const rng = new Rng(hash32(seed, 0xc0e7, loc.index));
  const boundaryTimes: number[] = [];
  for (const instant of boundaryInstants(loc.timezone, nowMs)) {
    boundaryTimes.push(instant - 1, instant);
  }
  const importTimes = [0, 1, 2].map(() => Math.floor(nowMs - rng.float(5, 390) * DAY_MS));
  const userIds = [0, 1, 2, 3].map((u) => ghlId(seed, 0x05e, loc.index, u));
  const customFieldIds = [0, 1].map((f) => ghlId(seed, 0xcf, loc.index, f));
  return {
    seed,
    nowMs,
    loc,
    zone: zoneFor(seed, loc.index),
    boundaryTimes,
    importTimes,
    userIds,
    customFieldIds,
    pipelines: buildPipelines(seed, nowMs, loc),
  };
}

/** A record time spread over the last ~400 days, denser toward now. */
export function spreadTime(rng: Rng, nowMs: number): number {
  return Math.floor(nowMs - 400 * DAY_MS * rng.next() ** 1.4) - rng.int(1, 59_999);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Rounds to cents (or to whole units for zero-decimal currencies such as JPY). */
export function money(value: number, currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return Math.round(value);
  return Math.round(value * 100) / 100;
}

export const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP']);
