import { catalogue } from './catalogue';
import type { Classifier } from './catalogue/schema';
import { createClassifier } from './catalogue/matcher';

/**
 * The classifier API (issue #2 "Tracker knowledge"): request URL, host, cookie name or storage
 * key -> catalogue vendor. The engine (precomputed host-suffix map, exact/prefix/regex name
 * indexes) is in catalogue/matcher.ts; see the comment there for the matching rules.
 */
export { createClassifier };
export type { Classifier, VendorMatch } from './catalogue/schema';

let defaultInstance: Classifier | null = null;

/**
 * The classifier over the full catalogue (curated + OCD), built on first use so importing this
 * module stays cheap. The catalogue module is loaded lazily through a getter for the same reason.
 */
export const defaultClassifier: Classifier = {
  get vendors() {
    return get().vendors;
  },
  vendor: (id) => get().vendor(id),
  matchUrl: (url) => get().matchUrl(url),
  matchHost: (host) => get().matchHost(host),
  matchCookie: (name, domain) => get().matchCookie(name, domain),
  matchStorageKey: (key) => get().matchStorageKey(key),
};

function get(): Classifier {
  if (!defaultInstance) defaultInstance = createClassifier(catalogue);
  return defaultInstance;
}
