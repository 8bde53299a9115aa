// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { streamExport } from '../../components/audit/download';
import { reportHeader } from '../../components/audit/model';
import { EXPORT_CHANNEL, type ExportChannelMessage, type ExportJob, type ExportProgress } from '../../policy/messages';

/**
 * The audit page's side of a streamed export (components/audit/download.ts): it ends with the
 * worker's result, and gives up with a "stalled" result when the worker falls silent (stopped
 * mid-file: the download fails in the browser and no result would ever come).
 */
const HEADER = reportHeader({ extensionVersion: '0.1.0', generatedAt: new Date(Date.UTC(2026, 10, 30, 3)) });
const job = (id: string): ExportJob => ({ id, file: 'json', name: 'pro-medika-audit.json', ids: ['a', 'b'], header: HEADER });

const channels: BroadcastChannel[] = [];
/** The worker's side of the channel. */
function worker(): (m: ExportChannelMessage) => void {
  const c = new BroadcastChannel(EXPORT_CHANNEL);
  channels.push(c);
  return (m) => c.postMessage(m);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * The page's document with a body that is not connected: the hidden frame and form are made
 * and submitted as in the page, but happy-dom loads no frame (it cannot) and nothing is sent.
 */
let body: HTMLElement;
const doc = () => {
  body = document.createElement('div');
  return { createElement: document.createElement.bind(document), body } as unknown as Document;
};

afterEach(() => {
  for (const c of channels.splice(0)) c.close();
});

describe('streamed export: the page waits for the worker while it beats', () => {
  it('resolves with the worker\'s result; beats for other jobs are not this job\'s', async () => {
    const send = worker();
    const heard: ExportProgress[] = [];
    const done = streamExport(job('j1'), { doc: doc(), silenceMs: 200, onProgress: (p) => heard.push(p) });
    // The job went out as a form into a hidden frame.
    expect(body.querySelector('iframe[name="export-j1"]')).not.toBeNull();
    for (let i = 1; i <= 4; i++) {
      await sleep(80);
      send({ id: 'j1', progress: true, bytes: i * 1000, records: i });
      send({ id: 'other', progress: true, bytes: 1, records: 1 });
    }
    send({ id: 'j1', ok: true, written: 2, skipped: 0, computed: 0 });
    // 320 ms in all, more than the 200 ms of silence allowed: the beats kept it waiting.
    expect(await done).toEqual({ id: 'j1', ok: true, written: 2, skipped: 0, computed: 0 });
    await sleep(20);
    expect(heard.map((p) => [p.id, p.bytes])).toEqual([1, 2, 3, 4].map((i) => ['j1', i * 1000]));
  });

  it('gives up after the silence when the worker stops beating, and names the file', async () => {
    const send = worker();
    const t0 = Date.now();
    const done = streamExport(job('j2'), { doc: doc(), silenceMs: 150 });
    await sleep(60);
    send({ id: 'j2', progress: true, bytes: 10, records: 1 });
    const r = await done;
    expect(r).toMatchObject({ id: 'j2', ok: false, stalled: true });
    expect(!r.ok && r.error).toContain('pro-medika-audit.json');
    // The beat at 60 ms restarted the watchdog.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    // A late result changes nothing.
    send({ id: 'j2', ok: true, written: 2, skipped: 0, computed: 0 });
    await sleep(20);
    expect(await done).toMatchObject({ ok: false, stalled: true });
  });

  it('ignores what is not a valid channel message', async () => {
    const send = worker();
    const done = streamExport(job('j3'), { doc: doc(), silenceMs: 100 });
    send({ id: 'j3', ok: 'yes' } as unknown as ExportChannelMessage);
    send({ id: 'j3', progress: true, bytes: -1, records: 0 } as unknown as ExportChannelMessage);
    expect(await done).toMatchObject({ id: 'j3', ok: false, stalled: true });
  });
});
