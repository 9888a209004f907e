import { describe, expect, it } from 'vitest';
import { allowedLocationIds } from './allowed-location-ids';
import { canViewLocation } from './can-view-location';
import { safeCallbackPath } from './safe-callback-path';
import { scopeReportParams } from './scope-report-params';

const admin = { role: 'admin' as const, locationIds: [] };
const staff = { role: 'staff' as const, locationIds: ['loc_a', 'loc_b'] };
const nobody = { role: 'staff' as const, locationIds: [] };

describe('allowedLocationIds', () => {
  it('is null (every location) for admins and the listed ids for staff', () => {
    expect(allowedLocationIds(admin)).toBeNull();
    expect(allowedLocationIds(staff)).toEqual(['loc_a', 'loc_b']);
    expect(allowedLocationIds(nobody)).toEqual([]);
  });

  it('returns a copy, so callers cannot widen a user by mutating it', () => {
    allowedLocationIds(staff)?.push('loc_z');
    expect(staff.locationIds).toEqual(['loc_a', 'loc_b']);
  });
});

describe('canViewLocation', () => {
  it('lets admins see any location and staff only theirs', () => {
    expect(canViewLocation(admin, 'loc_z')).toBe(true);
    expect(canViewLocation(staff, 'loc_a')).toBe(true);
    expect(canViewLocation(staff, 'loc_z')).toBe(false);
    expect(canViewLocation(nobody, 'loc_a')).toBe(false);
  });
});

describe('scopeReportParams', () => {
  const period = { from: '2026-10-01', to: '2026-10-31' };

  it('restricts staff to their locations and leaves admins unrestricted', () => {
    expect(scopeReportParams(admin, period)).toEqual(period);
    expect(scopeReportParams(staff, period)).toEqual({
      ...period,
      locationIds: ['loc_a', 'loc_b'],
    });
    expect(scopeReportParams(nobody, period)).toEqual({ ...period, locationIds: [] });
  });

  it('keeps requested locations the user may see and refuses any other', () => {
    expect(scopeReportParams(staff, { ...period, locationIds: ['loc_b'] })).toEqual({
      ...period,
      locationIds: ['loc_b'],
    });
    expect(scopeReportParams(staff, { ...period, locationIds: ['loc_b', 'loc_z'] })).toBeNull();
    expect(scopeReportParams(nobody, { ...period, locationIds: ['loc_a'] })).toBeNull();
    expect(scopeReportParams(admin, { ...period, locationIds: ['loc_z'] })).toEqual({
      ...period,
      locationIds: ['loc_z'],
    });
  });
});

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/')).toBe('/');
    expect(safeCallbackPath('/?from=2026-10-01&to=2026-10-31')).toBe(
      '/?from=2026-10-01&to=2026-10-31',
    );
  });

  it('refuses anything that could leave the site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      undefined,
      42,
      '/\u0000x',
    ]) {
      expect(safeCallbackPath(value)).toBe('/');
    }
  });

  it('drops a path too long to carry in a redirect (its Location header would overflow)', () => {
    expect(safeCallbackPath(`/?callbackUrl=${'/a'.repeat(1100)}`)).toBe('/');
    const justFits = `/?q=${'x'.repeat(2044)}`;
    expect(safeCallbackPath(justFits)).toBe(justFits);
  });
});
