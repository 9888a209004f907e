/**
 * A bounded set of "instants whose local day may have changed". Every UTC offset in use is a
 * multiple of 15 minutes, so flooring an instant to 15 minutes never moves it to another local
 * day in any time zone: at most 96 entries per day, however many records changed.
 */
const QUANTUM_MS = 15 * 60_000;

export type TouchedSet = {
  add(instants: Iterable<Date>): void;
  readonly size: number;
  toDates(): Date[];
};

/** Creates an empty set. */
export function createTouchedSet(): TouchedSet {
  const slots = new Set<number>();
  return {
    add(instants) {
      for (const instant of instants)
        slots.add(Math.floor(instant.getTime() / QUANTUM_MS) * QUANTUM_MS);
    },
    get size() {
      return slots.size;
    },
    toDates: () => [...slots].sort((a, b) => a - b).map((ms) => new Date(ms)),
  };
}
