import { chromium, expect, test, type Browser } from '@playwright/test';
import { chromiumPath } from '../../audit/launch';
import { fixtureResponse, FIXTURE_NAMES } from '../fixtures/popup-pages';
import { popupPage } from './harness/popup-page';

/**
 * Visual regression of the popup's first screen (issue #14), in Russian, at the popup's 400 x 600,
 * for the fixture pages (tests/fixtures/popup-pages.ts). The page is the popup's components on a
 * static harness with a fixed font (tests/e2e/harness/popup-page.ts) in Debian's Chromium, so
 * the baselines (popup-visual.spec.ts-snapshots/) depend on neither the machine's default fonts
 * nor the extension. Update them with `--update-snapshots` after a deliberate change, and look.
 */
let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    env: { ...process.env, LANGUAGE: 'ru', LANG: 'ru_RU.UTF-8' },
    args: ['--lang=ru'],
  });
});
test.afterAll(async () => browser.close());

for (const name of FIXTURE_NAMES) {
  test(`first screen, ${name}`, async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 600 }, locale: 'ru-RU' });
    await page.goto(await popupPage(fixtureResponse(name), 'ru'));
    await expect(page.getByTestId('first-screen')).toBeVisible();
    // A tolerance of a few anti-aliased pixels: a ratio (even 1 %, 2,400 pixels) let a changed
    // organisation name through unnoticed; one changed word is a few hundred pixels.
    await expect(page).toHaveScreenshot(`first-screen-${name}.png`, {
      maxDiffPixels: 40,
      threshold: 0.2,
      animations: 'disabled',
      caret: 'hide',
    });
    await page.close();
  });
}
