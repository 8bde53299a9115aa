/**
 * Bundle sizes of the store build (.output/chrome-mv3), gzip (zlib default level, as Vite
 * reports them). An extension page counts its entry script plus every chunk its HTML loads
 * (script src and modulepreload links), the way the browser loads it; CSS is listed apart.
 * Targets: popup JS <= 30 KB gzip (issue #2), request.html JS <= 40 KB gzip (issue #14), the
 * service worker's script <= 150 KB gzip (issue #15: it is parsed at every worker start).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, STORE_BUILD, type BenchRow } from './util';

const kb = (n: number) => round(n / 1024, 1);

/** Budgets per page, KB of JS gzip. */
const TARGET_KB: Record<string, number> = { popup: 30, request: 40 };
const BACKGROUND_TARGET_KB = 150;
const gz = (buf: Buffer) => gzipSync(buf).length;

/** Script and stylesheet files an extension page loads, from its built HTML. */
export function pageAssets(html: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) scripts.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/\brel="modulepreload"/.test(tag)) scripts.add(href);
    else if (/\brel="stylesheet"/.test(tag)) styles.add(href);
  }
  return { scripts: [...scripts], styles: [...styles] };
}

function sizeOf(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const p = join(dir, f.replace(/^\//, ''));
    if (!existsSync(p)) continue;
    const buf = readFileSync(p);
    raw += buf.length;
    gzip += gz(buf);
  }
  return { raw, gzip };
}

export async function benchBundle(dir = STORE_BUILD): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort((a, b) => (a === 'popup.html' ? -1 : b === 'popup.html' ? 1 : a.localeCompare(b)));
  for (const html of pages) {
    const name = html.replace(/\.html$/, '');
    const { scripts, styles } = pageAssets(readFileSync(join(dir, html), 'utf8'));
    const js = sizeOf(dir, scripts);
    const css = sizeOf(dir, styles);
    rows.push({
      name: `${name} page JS (gzip)`,
      value: kb(js.gzip),
      unit: 'KB',
      ...(name in TARGET_KB ? { target: { op: '<=' as const, value: TARGET_KB[name] } } : {}),
      note: `${scripts.length} files, ${kb(js.raw)} KB raw${styles.length ? `; CSS ${kb(css.gzip)} KB gzip` : ''}`,
    });
  }
  const bg = sizeOf(dir, ['background.js']);
  // The OCD part of the catalogue is an extension file the worker reads when it first builds a page (issue #15).
  const ocd = sizeOf(dir, ['ocd-catalogue.json']);
  rows.push({
    name: 'background (service worker) JS (gzip)',
    value: kb(bg.gzip),
    unit: 'KB',
    target: { op: '<=', value: BACKGROUND_TARGET_KB },
    note: `${kb(bg.raw)} KB raw; read on demand: ocd-catalogue.json ${kb(ocd.gzip)} KB gzip, ${kb(ocd.raw)} KB raw`,
  });
  const csDir = join(dir, 'content-scripts');
  if (existsSync(csDir)) {
    const files = readdirSync(csDir).filter((f) => f.endsWith('.js'));
    const cs = sizeOf(csDir, files);
    rows.push({ name: 'content script JS (gzip)', value: kb(cs.gzip), unit: 'KB', note: `${files.join(', ')}, ${kb(cs.raw)} KB raw` });
  }
  return rows;
}
