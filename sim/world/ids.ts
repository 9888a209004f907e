import { Rng, hash32 } from './prng';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A 20-character GHL-style id (locations, contacts, opportunities, pipelines, users). */
export function ghlId(...parts: number[]): string {
  return new Rng(hash32(...parts, 0x1d)).chars(ALNUM, 20);
}

/** A 24-hex Mongo ObjectId (payments `_id`): 8 hex of creation seconds, then 16 random hex. */
export function objectId(createdAtMs: number, ...parts: number[]): string {
  const seconds = Math.floor(createdAtMs / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  return seconds + new Rng(hash32(...parts, 0x0b)).chars(HEX, 16);
}

/** A Private Integration Token: `pit-` + a UUID-shaped hex string. */
export function pitToken(...parts: number[]): string {
  const hex = new Rng(hash32(...parts, 0x917)).chars(HEX, 32);
  return `pit-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Provider-style ids such as `ch_…`, `sub_…`, `acct_…`. */
export function prefixedId(prefix: string, ...parts: number[]): string {
  return `${prefix}_${new Rng(hash32(...parts, 0x5f)).chars(ALNUM, 24)}`;
}
