import type { Classifier } from './catalogue/schema';
import { createClassifier } from './catalogue/matcher';
import { curatedVendors } from './catalogue/vendors';
import { unpackCatalogue, type PackedOcd } from './catalogue/ocd/packed';

/**
 * The classifier in two stages, for the service worker (issue #15: it starts again after every
 * 30 s idle, and the first request of a page load waits for it).
 * - requestClassifier: the curated vendors only, built on first use. It gives the same answer as
 *   the full catalogue for every URL, host and storage key, because the Open Cookie Database adds
 *   cookie names only (no hosts, no storage keys; tests/unit/catalogue.test.ts checks this). So
 *   requests are classified with no await and without the OCD data in the worker's script.
 * - fullClassifier: the full catalogue (policy/catalogue/index.ts gives the same in Node), from
 *   the packed OCD file the worker reads when it first builds a page (adapters/ocd-catalogue.ts).
 */
let curated: Classifier | null = null;

export const requestClassifier: Pick<Classifier, 'matchUrl' | 'matchHost' | 'matchStorageKey' | 'vendor'> = {
  matchUrl: (url) => get().matchUrl(url),
  matchHost: (host) => get().matchHost(host),
  matchStorageKey: (key) => get().matchStorageKey(key),
  vendor: (id) => get().vendor(id),
};

function get(): Classifier {
  return (curated ??= createClassifier(curatedVendors));
}

export function fullClassifier(packed: PackedOcd): Classifier {
  return createClassifier(unpackCatalogue(curatedVendors, packed));
}
