import { mkdir, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { STORAGE } from './fixtures/e2e-data';
import { PAGES } from './fixtures/pages';

// Issue 13: hidden content stays hidden (the screen-reader tables behind the charts once made a
// 2-year overview ~10× taller than what it shows) and no page is wider than a 390 px phone.
// Every page, at a phone and a desktop size: no horizontal overflow, and the document is at most
// 1.5× as tall as its visible content. Screenshots and the measurements go to test-results/layout/.

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/**
 * The document's size against what a sighted user can see: the lowest and rightmost edge of any
 * rendered box that no clip (`.sr-only`, `clip-path`) and no `display`/`visibility` hides.
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const hiddenByClip = (element: Element): boolean => {
      for (let e: Element | null = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.clip !== 'auto' && style.clip !== '') return true;
        if (style.clipPath !== 'none') return true;
      }
      return false;
    };
    let contentBottom = 0;
    for (const element of document.body.querySelectorAll('*')) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (hiddenByClip(element)) continue;
      contentBottom = Math.max(contentBottom, rect.bottom + window.scrollY);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      contentBottom: Math.round(contentBottom),
    };
  });
}

for (const viewport of VIEWPORTS) {
  for (const { name, path, signedIn } of PAGES) {
    test.describe(`${name} at ${viewport.width}×${viewport.height}`, () => {
      test.use({
        viewport: { width: viewport.width, height: viewport.height },
        storageState: signedIn ? STORAGE.admin : { cookies: [], origins: [] },
      });

      test(`${name} fits ${viewport.name} width and its height follows the visible content`, async ({
        page,
      }) => {
        // A 2-year page with axe took 1.1–1.5 min at load average 28 on 2 cores.
        test.setTimeout(180_000);
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Charts and tables fill in after hydration; wait until nothing is loading.
        await page.waitForLoadState('networkidle');
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

        const m = await measure(page);
        const file = `test-results/layout/${name}-${viewport.width}x${viewport.height}`;
        await mkdir('test-results/layout', { recursive: true });
        await writeFile(`${file}.json`, JSON.stringify(m, null, 2));
        await page.screenshot({
          path: `${file}.png`,
          fullPage: true,
        });

        expect(m.scrollWidth, 'no horizontal overflow').toBeLessThanOrEqual(m.innerWidth);
        expect(
          m.scrollHeight,
          'page height within 1.5× of the visible content',
        ).toBeLessThanOrEqual(Math.max(m.innerHeight, Math.ceil(1.5 * m.contentBottom)));
        if (signedIn) {
          // The way out stays on screen.
          const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
          await expect(signOut).toBeInViewport();
        }
      });
    });
  }
}
