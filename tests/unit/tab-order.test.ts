import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AutoSyncingMap, type StorageAreaLike } from '../../adapters/auto-syncing-map';
import { createTabOrder } from '../../adapters/tab-order';

const area: StorageAreaLike = { get: async () => ({}), set: async () => {}, remove: async () => {} };
const Page = z.object({ url: z.string(), requests: z.array(z.string()) });
type Page = z.infer<typeof Page>;

/**
 * The background's two handler shapes, as in entrypoints/background.ts: a document request
 * swaps the tab's record (a read, then a write); a subresource request updates it.
 */
function handlers(tabs: AutoSyncingMap<Page>, ended: Page[]) {
  return {
    document: async (url: string) => {
      const prev = await tabs.get('1');
      await tabs.set('1', { url, requests: [] });
      if (prev) ended.push(prev);
    },
    subresource: async (url: string) => {
      await tabs.update('1', (p) => void p.requests.push(url));
    },
  };
}

/** Firefox may deliver a batch of events in one task: all handlers start before any await resolves. */
async function batch(
  run: (dispatch: (fn: () => Promise<void>) => Promise<void>) => void,
  dispatch: (fn: () => Promise<void>) => Promise<void>,
) {
  const started: Promise<void>[] = [];
  run((fn) => {
    const p = dispatch(fn);
    started.push(p);
    return p;
  });
  await Promise.all(started);
}

describe('createTabOrder (events of one tab applied in arrival order)', () => {
  for (const ordered of [false, true]) {
    it(`a batch "document, then its tags": the tags land in ${ordered ? 'the new page' : 'the page before (the bug)'}`, async () => {
      const tabs = new AutoSyncingMap<Page>(area, 'tab:', Page);
      const ended: Page[] = [];
      const h = handlers(tabs, ended);
      await h.document('https://pro-medika.ru/');
      const inOrder = createTabOrder();
      const dispatch = ordered ? (fn: () => Promise<void>) => inOrder(1, fn) : (fn: () => Promise<void>) => fn();
      await batch((d) => {
        void d(() => h.document('https://pro-medika.ru/doctors/'));
        void d(() => h.subresource('https://mc.yandex.ru/metrika/tag.js'));
        void d(() => h.subresource('https://code.jivo.ru/widget/x'));
      }, dispatch);
      const open = await tabs.get('1');
      if (ordered) {
        expect(open).toEqual({
          url: 'https://pro-medika.ru/doctors/',
          requests: ['https://mc.yandex.ru/metrika/tag.js', 'https://code.jivo.ru/widget/x'],
        });
        expect(ended).toEqual([{ url: 'https://pro-medika.ru/', requests: [] }]);
      } else {
        // Without the queue the subresources overtake the swap: this is what the test guards against.
        expect(open?.requests).toEqual([]);
        expect(ended[0]?.requests).toHaveLength(2);
      }
    });
  }

  it('a failed handler does not stop the next one; other tabs do not wait', async () => {
    const inOrder = createTabOrder();
    const seen: string[] = [];
    let release!: () => void;
    const blocked = inOrder(1, () => new Promise<void>((r) => (release = r)).then(() => void seen.push('1a')));
    const failed = inOrder(1, async () => {
      seen.push('1b');
      throw new Error('bad event');
    });
    const next = inOrder(1, async () => void seen.push('1c'));
    await inOrder(2, async () => void seen.push('2a'));
    expect(seen).toEqual(['2a']);
    release();
    await blocked;
    await expect(failed).rejects.toThrow('bad event');
    await next;
    expect(seen).toEqual(['2a', '1a', '1b', '1c']);
  });
});
