import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { STORAGE } from './fixtures/e2e-data';
import { PAGES } from './fixtures/pages';

// Issue 13: an automated accessibility check (axe-core, WCAG 2.x A/AA rules, colour contrast
// included) on every page at a phone and a desktop size; no serious or critical violation.

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

for (const viewport of VIEWPORTS) {
  for (const { name, path, signedIn } of PAGES) {
    test.describe(`${name} at ${viewport.width}×${viewport.height}`, () => {
      test.use({
        viewport,
        storageState: signedIn ? STORAGE.admin : { cookies: [], origins: [] },
      });

      test(`${name} has no serious or critical accessibility violations`, async ({ page }) => {
        // A 2-year page with axe took 1.1–1.5 min at load average 28 on 2 cores.
        test.setTimeout(180_000);
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        const blocking = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({
            rule: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
          }));
        expect(blocking).toEqual([]);
      });
    });
  }
}
