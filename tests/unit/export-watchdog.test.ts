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

describe('streamed export fed by the page', () => {
  /** A document whose window has a controlling service worker that records what it is sent. */
  const controlled = () => {
    const sent: { message: unknown; ports: readonly MessagePort[] }[] = [];
    const controller = { postMessage: (message: unknown, transfer: MessagePort[]) => sent.push({ message, ports: transfer }) };
    const d = doc() as unknown as { defaultView: unknown };
    d.defaultView = { navigator: { serviceWorker: { controller } } };
    return { doc: d as unknown as Document, sent };
  };

  it('posts the job as fed, gives the worker the port first, and stops the feeder with the result', async () => {
    const send = worker();
    const { doc: d, sent } = controlled();
    const fedWith: { job: ExportJob; port: MessagePort }[] = [];
    const stops: string[] = [];
    // What the form posts (happy-dom sends nothing): read at submit.
    const posted: string[] = [];
    const submit = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
      posted.push((this.querySelector('input[name="job"]') as HTMLInputElement).value);
    };
    const done = streamExport(job('f1'), {
      doc: d,
      silenceMs: 500,
      feed: (j, port) => {
        fedWith.push({ job: j, port });
        return { done: Promise.resolve(), stop: (r) => stops.push(r), buffers: () => 0 };
      },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message).toEqual({ type: 'export-feed', id: 'f1' });
    expect(sent[0]!.ports).toHaveLength(1);
    expect(fedWith).toHaveLength(1);
    expect(fedWith[0]!.job.feed).toBe(true);
    HTMLFormElement.prototype.submit = submit;
    // The form carries the fed job.
    expect(posted.map((v) => JSON.parse(v).feed)).toEqual([true]);
    send({ id: 'f1', ok: true, written: 2, skipped: 0, computed: 0 });
    expect(await done).toMatchObject({ ok: true });
    expect(stops).toEqual(['the export ended']);
    fedWith[0]!.port.close();
    sent[0]!.ports[0]!.close();
  });

  it('without a controlling worker the job is not fed and the feeder never starts', async () => {
    const send = worker();
    let fed = 0;
    const done = streamExport(job('f2'), {
      doc: doc(),
      silenceMs: 500,
      feed: () => {
        fed += 1;
        return { done: Promise.resolve(), stop: () => undefined, buffers: () => 0 };
      },
    });
    send({ id: 'f2', ok: true, written: 2, skipped: 0, computed: 0 });
    await done;
    expect(fed).toBe(0);
  });
});
