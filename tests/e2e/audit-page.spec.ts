import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Download, type Page } from '@playwright/test';
import { test, expect, visit, openAuditPage, AUDIT_BUILD, SITE } from './fixtures';
import { chromiumPath, launchWithExtension } from '../../audit/launch';
import { KIND_LABELS, toHtml } from '../../policy/export';
import { substitute } from '../../components/i18n';
import { messages, type MessageKey } from '../../locales/messages';
import { ReportSchema, type Report, type ReportPage } from '../../policy/report/schema';
import { RELEASE_2 } from '../replica/ids';

/**
 * e2e for the audit page (issue #5): history records written by the background as page loads
 * end, listed by findings, a detail view, a filter, exports, deletion, a browser restart with
 * the same profile, accessibility (axe), and the HTML report proven inert in Chromium.
 */

/**
 * A UI string in either language, as a RegExp: the extension's messages follow the browser's
 * UI language, so the assertions hold whichever Chromium picks.
 */
const reEsc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function ui(key: MessageKey, subs: (string | number)[] = [], opts: { exact?: boolean } = {}): RegExp {
  const alt = [messages[key].ru, messages[key].en].map((m) => reEsc(substitute(m, subs))).join('|');
  return new RegExp(opts.exact ? `^(?:${alt})$` : alt);
}
const either = (l: { ru: string; en: string }) => new RegExp(`${reEsc(l.ru)}|${reEsc(l.en)}`);

const rows = (audit: Page) => audit.locator('table[data-testid="pages"] tbody tr');

/** Browses the paths in one tab, then closes it: each page load ends and becomes a record. */
async function browse(context: BrowserContext, paths: string[]): Promise<void> {
  const page = await context.newPage();
  for (const p of paths) await visit(page, p);
  await page.close();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

test('audit page: pages by findings, detail, filter by kind, JSON and HTML export, delete a page, accessible', async ({ env }) => {
  test.setTimeout(180_000);
  const { context, extensionId } = env.launched;
  await browse(context, ['/', '/services/urologiya/', '/contacts/']);
  const audit = await openAuditPage(context, extensionId!, 3);

  // Every page is listed with its findings, as text.
  const uro = audit.locator(`tr[data-url="${SITE}/services/urologiya/"]`);
  await expect(uro).toHaveCount(1);
  await expect(uro.locator('.counts li').first()).toContainText(/высокая|средняя|high|medium/);
  await expect(audit.getByTestId('overview')).toContainText(ui('audit_overview', [3, 3, '']));
  expect(await seriousViolations(audit)).toEqual([]);

  // Detail: findings with evidence, trackers with disclosure, "new since" (first visit).
  await uro.getByRole('button', { name: ui('audit_openAria', ['']) }).click();
  const detail = audit.getByTestId('detail');
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(detail.getByTestId('findings')).toContainText(either(KIND_LABELS['health-context-leak']));
  await expect(detail.getByTestId('findings')).toContainText('urologiya');
  await expect(detail.getByTestId('detail-trackers')).toContainText('yandex-metrica');
  await expect(detail.getByTestId('diff-first')).toBeVisible();
  expect(await seriousViolations(audit)).toEqual([]);
  // Keyboard: Enter on the focused "back" button returns to the list and focuses the row's button.
  await detail.getByRole('button', { name: ui('audit_back') }).focus();
  await audit.keyboard.press('Enter');
  await expect(uro.getByRole('button', { name: ui('audit_openAria', ['']) })).toBeFocused();

  // Filter by kind: only pages with a health-context leak.
  await audit.getByLabel(ui('audit_filterKind')).selectOption('health-context-leak');
  const shown = await rows(audit).count();
  expect(shown).toBeGreaterThanOrEqual(1);
  expect(shown).toBeLessThan(3);
  await expect(uro).toHaveCount(1);

  // JSON export of the filtered pages validates against the report schema.
  const [jsonDl] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('button', { name: ui('audit_exportJson') }).click()]);
  expect(jsonDl.suggestedFilename()).toMatch(/^pro-medika-audit-.*\.json$/);
  const report = ReportSchema.parse(JSON.parse(readFileSync((await jsonDl.path())!, 'utf8')));
  expect(report.pages).toHaveLength(shown);
  for (const p of report.pages) expect(p.findings.some((f) => f.kind === 'health-context-leak')).toBe(true);
  expect(report.options).toMatchObject({ source: 'history', filter: { kind: 'health-context-leak' } });
  await expect(audit.getByTestId('status')).toContainText(jsonDl.suggestedFilename());

  // HTML export of every page.
  await audit.getByRole('button', { name: ui('audit_filterReset') }).click();
  await expect(rows(audit)).toHaveCount(3);
  const [htmlDl] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('button', { name: ui('audit_exportHtml') }).click()]);
  const html = readFileSync((await htmlDl.path())!, 'utf8');
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html.match(/<section class="page"/g)).toHaveLength(3);
  expect(html).not.toContain('<script');

  // CSV: four tables, four downloads, each with a BOM and its header line.
  const csvDls: Download[] = [];
  const four = new Promise<void>((res) => {
    const on = (d: Download) => {
      csvDls.push(d);
      if (csvDls.length === 4) {
        audit.off('download', on);
        res();
      }
    };
    audit.on('download', on);
  });
  await audit.getByRole('button', { name: ui('audit_exportCsv'), exact: true }).click();
  await four;
  const tables = Object.fromEntries(
    await Promise.all(
      csvDls.map(async (d) => [d.suggestedFilename().replace(/^.*-(\w+)\.csv$/, '$1'), readFileSync((await d.path())!)] as const),
    ),
  );
  expect(Object.keys(tables).sort()).toEqual(['cookies', 'findings', 'pages', 'requests']);
  for (const bytes of Object.values(tables)) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const pagesCsv = tables.pages.subarray(3).toString('utf8').split('\r\n');
  expect(pagesCsv[0]).toMatch(/^url,finalUrl,title/);
  expect(pagesCsv.filter((l) => l.startsWith(SITE))).toHaveLength(3);

  // Delete one page: gone from the list and from the database.
  const contacts = audit.locator(`tr[data-url="${SITE}/contacts/"]`);
  await contacts.getByRole('button', { name: ui('audit_deleteAria', ['']) }).click();
  await expect(rows(audit)).toHaveCount(2);
  await expect(audit.getByTestId('status')).toContainText(ui('audit_deleted', ['']));
  await audit.reload();
  await expect(rows(audit)).toHaveCount(2);
  await expect(audit.locator(`tr[data-url="${SITE}/contacts/"]`)).toHaveCount(0);
  await expect(audit.getByTestId('storage-used')).toContainText(ui('audit_storageUsed', [2, '']));

  // The next export lists what is left.
  const [again] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('button', { name: ui('audit_exportJson') }).click()]);
  expect(ReportSchema.parse(JSON.parse(readFileSync((await again.path())!, 'utf8'))).pages).toHaveLength(2);
  await expect(audit.getByTestId('status')).toContainText(again.suggestedFilename());
});

test('compare with previous visit: two visits of a page side by side, compared as the audit command does (issue #17)', async ({ env }) => {
  test.setTimeout(180_000);
  const { context, extensionId } = env.launched;
  // The doctors page gains an unknown pixel in release 2 of the replica (RELEASE_2 in tests/replica/ids.ts).
  env.replica.setRelease(1);
  try {
    await browse(context, ['/doctors/']);
    env.replica.setRelease(2);
    await browse(context, ['/doctors/']);
  } finally {
    env.replica.setRelease(1);
  }
  const audit = await openAuditPage(context, extensionId!, 2);
  const visits = audit.locator(`tr[data-url="${SITE}/doctors/"]`);
  await expect(visits).toHaveCount(2);
  const detail = audit.getByTestId('detail');
  // The later visit is the one with a previous visit to compare with; the earlier one says it is the first.
  const opened: string[] = [];
  for (let i = 0; i < 2; i++) {
    await visits
      .nth(i)
      .getByRole('button', { name: ui('audit_openAria', ['']) })
      .click();
    const toggle = detail.getByTestId('compare-toggle');
    await expect(toggle.or(detail.getByTestId('diff-first'))).toBeVisible();
    if ((await toggle.count()) === 0) {
      opened.push('first');
      await detail.getByRole('button', { name: ui('audit_back') }).click();
      continue;
    }
    opened.push('later');
    await expect(toggle).toHaveText(ui('audit_compareButton', [], { exact: true }));
    await expect(detail.getByTestId('compare')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const compare = detail.getByTestId('compare');
    await expect(compare).toBeVisible();
    const [before, after] = await compare.getByTestId('compare-thirdparties').locator('td').allTextContents();
    expect(before).toBe('');
    expect(after).toBe(`+ ${RELEASE_2.unknownThirdPartyHost}`);
    // Nothing else changed on this page between the releases; volatile values (request counts, cookie values, times) never show.
    await expect(compare.locator('tbody tr')).toHaveCount(1);
    expect(await seriousViolations(audit)).toEqual([]);
    await detail.getByRole('button', { name: ui('audit_back') }).click();
  }
  expect(opened.sort()).toEqual(['first', 'later']);
});

test('history survives a browser restart with the same profile', async ({ replica }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tracker-lens-restart-'));
  const launch = () =>
    launchWithExtension({ extensionPath: AUDIT_BUILD, resolverRules: replica.resolverRules, ignoreHttpsErrors: true, userDataDir });
  try {
    const first = await launch();
    let ids: (string | null)[] = [];
    try {
      await browse(first.context, ['/', '/doctors/']);
      const audit = await openAuditPage(first.context, first.extensionId!, 2);
      ids = await rows(audit).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    } finally {
      await first.close();
    }
    const second = await launch();
    try {
      const audit = await openAuditPage(second.context, second.extensionId!, 2);
      const again = await rows(audit).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
      expect(again.sort()).toEqual([...ids].sort());
      await expect(audit.locator(`tr[data-url="${SITE}/doctors/"]`)).toHaveCount(1);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

const MARKUP = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>'];

function hostilePage(i: number): ReportPage {
  const x = MARKUP[i % MARKUP.length];
  return {
    url: `https://pro-medika.ru/?q=${x}`,
    finalUrl: `https://pro-medika.ru/${x}`,
    title: `Урология ${x}`,
    requestCount: 1,
    trackers: [
      {
        vendor: 'yandex-metrica',
        name: `Metrica ${x}`,
        category: 'analytics',
        hosts: ['mc.yandex.ru'],
        requests: 1,
        cookies: [`_ym_uid${x}`],
        storage: [x],
        features: [],
        parts: [],
        purposes: [],
        quotes: [],
      },
    ],
    cookies: [
      {
        name: `c${i}`,
        value: x,
        domain: '.pro-medika.ru',
        path: '/',
        firstParty: true,
        httpOnly: false,
        secure: true,
        sameSite: 'lax',
        expires: null,
        session: true,
        partitioned: false,
        size: 3,
        vendor: null,
        purposes: [],
      },
    ],
    storage: [{ area: 'local', key: `key${x}`, vendor: null, purposes: [] }],
    thirdParties: [
      {
        host: `t${i}.example`,
        site: 'example',
        vendor: null,
        requests: 1,
        types: ['image'],
        likelyTracking: true,
        reasons: [x],
        setCookie: false,
      },
    ],
    findings: [
      { kind: 'pii-leak', severity: 'high', vendor: 'yandex-metrica', evidence: { url: `https://mc.yandex.ru/?v=${x}`, value: x } },
    ],
  };
}

test('the HTML report is inert in Chromium: markup from pages shows as text and never runs', async () => {
  const report: Report = {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    extensionVersion: '0.1.0',
    pages: [0, 1, 2].map(hostilePage),
  };
  const dir = mkdtempSync(join(tmpdir(), 'tracker-lens-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, toHtml(report));
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    const counts = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('script').length,
      svg: document.querySelectorAll('svg').length,
      handlers: document.querySelectorAll('[onerror],[onload]').length,
    }));
    expect(counts).toEqual({ img: 0, script: 0, svg: 0, handlers: 0 });
    const text = await page.locator('body').innerText();
    for (const m of MARKUP) expect(text).toContain(m);
    // The cookie value, storage key, URL and title are all present as text.
    expect(text).toContain(`key${MARKUP[0]}`);
    expect(text).toContain(`Урология ${MARKUP[1]}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
