import { browser } from 'wxt/browser';
import type { Classifier } from '@/policy/catalogue/schema';
import type { PackedOcd } from '@/policy/catalogue/ocd/packed';
import { fullClassifier } from '@/policy/classify-staged';

/**
 * The full catalogue's classifier, for building pages (popup, report, history): the Open Cookie
 * Database part is an extension file (public/ocd-catalogue.json, 220 KB), read once per worker
 * when a page is first built rather than parsed at every worker start (policy/classify-staged.ts).
 * A failed read is not kept, so the next build tries again.
 */
let loading: Promise<Classifier> | null = null;

export function pageClassifier(): Promise<Classifier> {
  return (loading ??= fetch(browser.runtime.getURL('/ocd-catalogue.json'))
    .then((r) => {
      if (!r.ok) throw new Error(`ocd-catalogue.json: HTTP ${r.status}`);
      return r.json() as Promise<PackedOcd>;
    })
    .then(fullClassifier)
    .catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}
