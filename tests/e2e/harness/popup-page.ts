import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHarness } from '../../../bench/util';
import type { Lang } from '../../../components/i18n';
import type { OpenRequestSummary } from '../../../components/popup/OpenRequests';
import type { PageResponse } from '../../../policy/messages';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Fonts are fixed for the snapshots: the popup's own stack (system-ui) resolves differently
 * from one machine to the next; DejaVu Sans ships with Debian's Chromium (fonts-dejavu-core).
 */
const FIXED_FONT = ':root { font-family: "DejaVu Sans", sans-serif; }';

let bundled: Promise<string> | undefined;

/** The harness bundle (tests/e2e/harness/popup-fixture.tsx), built once per run. */
function bundle(): Promise<string> {
  bundled ??= bundleHarness(join(ROOT, 'tests', 'e2e', 'harness', 'popup-fixture.tsx'));
  return bundled;
}

/** Writes a static page showing the popup for `response`; returns its file:// URL. */
export async function popupPage(response: PageResponse, lang: Lang, requests: OpenRequestSummary[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-lens-popup-fixture-'));
  const css = readFileSync(join(ROOT, 'entrypoints', 'popup', 'style.css'), 'utf8');
  const json = JSON.stringify({ response, lang, requests }).replace(/</g, '\\u003c');
  writeFileSync(join(dir, 'popup.js'), await bundle());
  writeFileSync(
    join(dir, 'popup.html'),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${css}\n${FIXED_FONT}</style></head>
<body><div id="app"></div><script type="application/json" id="data">${json}</script><script src="./popup.js"></script></body></html>`,
  );
  return `file://${join(dir, 'popup.html')}`;
}
