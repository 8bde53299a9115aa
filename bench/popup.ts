/**
 * Popup time to full render (issue #2: a page with 100 trackers and 300 cookies, target
 * <= 100 ms). The popup components, wired as entrypoints/popup/main.tsx wires them, are
 * bundled with esbuild (production, minified, like the extension build) into a static page
 * with a synthetic PageResponse built by the real pipeline (bench/synthetic.ts), and opened
 * in the real Chromium. Measured from the first inline script (before the bundle is parsed)
 * to the summary plus every visible tracker card in the DOM, and to the first frame after.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchWithExtension } from '../audit/launch';
import { syntheticResponse } from './synthetic';
import { median, round, ROOT, type BenchRow } from './util';

const RUNS = 10;

export async function benchPopup(): Promise<BenchRow[]> {
  const response = syntheticResponse({ trackers: 100, cookies: 300, requests: 800 });
  // Every group shows at most 30 cards before "show more" (components/popup/TrackerList.tsx).
  const expectedCards = response.policyView.groups.reduce((n, g) => n + Math.min(30, g.vendors.length), 0);
  const dir = mkdtempSync(join(tmpdir(), 'tracker-lens-bench-popup-'));
  const launched = await launchWithExtension({});
  try {
    const out = await build({
      entryPoints: [join(ROOT, 'bench', 'harness', 'popup-entry.tsx')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'chrome120',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      tsconfig: join(ROOT, 'tsconfig.json'),
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    });
    const js = out.outputFiles[0].text;
    const css = readFileSync(join(ROOT, 'entrypoints', 'popup', 'style.css'), 'utf8');
    const json = JSON.stringify(response).replace(/</g, '\\u003c');
    writeFileSync(join(dir, 'popup.js'), js);
    writeFileSync(
      join(dir, 'popup.html'),
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><script>window.__t0 = performance.now(); window.__expectedCards = ${expectedCards};</script>
<style>${css}</style></head><body><div id="app"></div>
<script type="application/json" id="data">${json}</script>
<script src="./popup.js"></script></body></html>`,
    );
    const page = await launched.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 560, height: 600 });
    const dom: number[] = [];
    const paint: number[] = [];
    let cards = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto(`file://${join(dir, 'popup.html')}`);
      const r = (await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, null, { timeout: 10_000 }).then((h) => h.jsonValue()).catch((e: Error) => ({ error: `${e.message.split('\n')[0]} ${errors.join('; ')}` }))) as
        | { domMs: number; paintMs: number; cards: number }
        | { error: string };
      if ('error' in r) throw new Error(`popup harness: ${r.error}`);
      if (i === 0) continue; // warm-up: disk cache and code cache
      dom.push(r.domMs);
      paint.push(r.paintMs);
      cards = r.cards;
    }
    const note = `${response.page.trackers.length} trackers, ${response.page.cookies.length} cookies, ${cards} cards visible; median of ${RUNS}; harness bundle ${Math.round(js.length / 1024)} KB min (carries every locale)`;
    return [
      { name: 'popup render: summary + tracker cards in DOM', value: round(median(dom)), unit: 'ms', target: { op: '<=', value: 100 }, note },
      { name: 'popup render: first frame painted', value: round(median(paint)), unit: 'ms', target: { op: '<=', value: 100 } },
    ];
  } finally {
    await launched.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
