/**
 * Service-worker memory after 10,000 observed requests (issue #2, target <= 20 MB).
 * Chromium with the audit build on the replica: one page (/contacts/) issues 10,000 tiny
 * requests (images and fetches to the bulk hosts the hostile page uses, /px/<n>.gif), the
 * worker's per-tab record is waited for until it has counted them all, then the worker's JS
 * heap is read through CDP after a forced GC (Runtime.getHeapUsage on the service-worker
 * target, reached from a page session with Target.attachToTarget in non-flattened mode,
 * since Playwright's CDPSession cannot address a child session). Also reports the size of
 * the tab's storage.session record (JSON bytes of all its parts, with their keys).
 */
import { launchWithExtension } from '../audit/launch';
import { ExtensionBridge } from '../audit/extension-bridge';
import { startReplica } from '../tests/replica/server';
import { BULK_HOSTS } from '../tests/replica/vendors';
import { AUDIT_BUILD, childSession, round, type BenchRow } from './util';

const REQUESTS = 10_000;

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function benchSwMemory(): Promise<BenchRow[]> {
  const replica = await startReplica({ port: 0 });
  const launched = await launchWithExtension({ extensionPath: AUDIT_BUILD, resolverRules: replica.resolverRules, ignoreHttpsErrors: true });
  const bridge = new ExtensionBridge(launched.context, launched.extensionId!);
  try {
    const sw = await launched.serviceWorker();
    const page = await launched.context.newPage();
    await page.goto('https://pro-medika.ru/contacts/', { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 8000 }).catch(() => {});
    const tabId = await bridge.tabIdOf(page);
    const before = (await bridge.getPage(tabId)) as { status: string; page?: { requestCount: number } };
    const base = before.page?.requestCount ?? 0;

    const tSend = Date.now();
    // A string, not a function: tsx would wrap inner functions with a helper the page lacks.
    await page.evaluate(`(async () => {
      const hosts = ${JSON.stringify([...BULK_HOSTS])}, total = ${REQUESTS};
      const one = (n) => {
        const url = 'https://' + hosts[n % hosts.length] + '/px/' + n + '.gif?n=' + n;
        if (n % 4 === 0) return new Promise((resolve) => { const img = new Image(); img.onload = img.onerror = () => resolve(); img.src = url; });
        return fetch(url, { mode: 'no-cors', credentials: 'include' }).catch(() => {});
      };
      for (let sent = 0; sent < total; ) {
        const batch = [];
        for (let k = 0; k < 200 && sent < total; k++) batch.push(one(sent++));
        await Promise.all(batch);
      }
    })()`);

    const sendMs = Date.now() - tSend;
    // Wait until the worker has written all of them into the tab's record. The record is
    // stored in parts (policy/page-state-parts.ts): "tab:<id>/m" holds the count, and the
    // record's size is the sum of its parts.
    const prefix = `tab:${tabId}/`;
    const readRecord = () =>
      sw.evaluate(async (p) => {
        const chromeApi = (
          globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } }
        ).chrome;
        const all = await chromeApi.storage.session.get(null);
        let bytes = 0;
        let parts = 0;
        for (const [k, v] of Object.entries(all)) {
          if (!k.startsWith(p)) continue;
          parts += 1;
          bytes += new TextEncoder().encode(JSON.stringify(v)).length + k.length;
        }
        const meta = all[`${p}m`] as { requestCount?: number } | undefined;
        return { count: meta?.requestCount ?? 0, bytes, parts };
      }, prefix);
    let rec = await readRecord();
    for (let i = 0; i < 120 && rec.count < base + REQUESTS; i++) {
      await page.waitForTimeout(500);
      rec = await readRecord();
    }
    const recordedMs = Date.now() - tSend;

    const cdp = await launched.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${launched.extensionId}/`));
    if (!target) throw new Error('service worker target not found');
    const child = await childSession(cdp, target.targetId);
    await child.send('HeapProfiler.enable');
    await child.send('HeapProfiler.collectGarbage');
    const heap = await child.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
    await child.detach();
    await cdp.detach();

    const mb = (b: number) => round(b / 1024 / 1024);
    return [
      {
        name: 'service worker JS heap used after 10,000 requests (after GC)',
        value: mb(heap.usedSize),
        unit: 'MB',
        target: { op: '<=', value: 20 },
        note: `heap total ${mb(heap.totalSize)} MB; record counted ${rec.count - base} of ${REQUESTS} bulk requests; sent in ${round(sendMs / 1000, 1)} s, all recorded after ${round(recordedMs / 1000, 1)} s`,
      },
      {
        name: 'storage.session record for the tab',
        value: round(rec.bytes / 1024, 1),
        unit: 'KB',
        note: `${rec.bytes} bytes of JSON and keys in ${rec.parts} parts`,
      },
    ];
  } finally {
    await bridge.close();
    await launched.close();
    await replica.close();
  }
}
