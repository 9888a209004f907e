'use client';

import { useId, useMemo, useState } from 'react';
import styles from './settings.module.css';

export type PickerLocation = { id: string; name: string };

/** At most this many matches are listed at once; the filter narrows the rest. */
const SHOWN = 100;

/**
 * Chooses locations among thousands: a filter box (name or id), a checkbox list of the first 100
 * matches, and the chosen ones as removable chips. A fieldset with a legend; the match count is
 * announced politely.
 */
export function LocationPicker({
  locations,
  selected,
  onChange,
  legend = 'Locations this user may see',
}: {
  locations: readonly PickerLocation[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  legend?: string;
}) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const nameOf = useMemo(() => new Map(locations.map((l) => [l.id, l.name])), [locations]);
  const matches = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle === ''
      ? locations
      : locations.filter(
          (l) => l.name.toLowerCase().includes(needle) || l.id.toLowerCase().includes(needle),
        );
  }, [filter, locations]);
  const toggle = (locationId: string, isOn: boolean) =>
    onChange(isOn ? [...chosen, locationId].sort() : [...chosen].filter((x) => x !== locationId));

  return (
    <fieldset className={styles.picker}>
      <legend>{legend}</legend>
      {selected.length > 0 ? (
        <ul className={styles.chips} aria-label="Chosen locations">
          {selected.map((locationId) => (
            <li key={locationId}>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => toggle(locationId, false)}
                aria-label={`Remove ${nameOf.get(locationId) ?? locationId}`}
              >
                {nameOf.get(locationId) ?? locationId} ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.hint}>No locations chosen: a staff member would see nothing.</p>
      )}
      <div className="field">
        <label htmlFor={`${id}-filter`}>Filter locations</label>
        <input
          id={`${id}-filter`}
          className="input"
          type="search"
          value={filter}
          placeholder="Name or id"
          onChange={(event) => setFilter(event.target.value)}
          aria-describedby={`${id}-count`}
        />
      </div>
      <p id={`${id}-count`} className={styles.hint} aria-live="polite">
        {matches.length.toLocaleString('en-US')} of {locations.length.toLocaleString('en-US')}{' '}
        locations match
        {matches.length > SHOWN ? `; the first ${SHOWN} are listed, filter to find others` : ''}.
      </p>
      <ul className={styles.pickerList}>
        {matches.slice(0, SHOWN).map((location) => (
          <li key={location.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(location.id)}
                onChange={(event) => toggle(location.id, event.target.checked)}
              />
              {location.name} <span className="muted">({location.id})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
