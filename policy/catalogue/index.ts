import type { Catalogue } from './schema';
import { curatedVendors } from './vendors';
import { ocdRecords } from './ocd/table';
import { buildCatalogue, ocdTable } from './ocd/build';
import { isPlatform, recipientOf, type Recipient } from './recipient';

export { buildCatalogue, ocdDomain, ocdRecipient, ocdTable, slugify, OCD_COVERED, OCD_SITE_PLATFORMS } from './ocd/build';

/**
 * The full catalogue (issue #2): curated vendors first, then vendors derived from the Open Cookie
 * Database (origin "ocd", id "ocd-<platform slug>"; see ocd/build.ts). For Node (tests,
 * benchmarks, scripts): deriving it takes a while, so the extension does not import this
 * module. Its service worker classifies requests with the curated vendors and reads the OCD
 * part from an extension file when it builds a page (policy/classify.ts).
 */
export const catalogue: Catalogue = buildCatalogue(curatedVendors, ocdRecords(ocdTable));
export { curatedVendors };

const byId = new Map(catalogue.map((v) => [v.id, v]));

/**
 * The organisation and country behind a vendor id, from the bundled catalogue: for views that
 * hold only vendor ids (history summaries, the letter). Null for an id the catalogue does not know
 * and for the site's own platform, which receives nothing.
 */
export function recipientFor(vendorId: string): Recipient | null {
  const v = byId.get(vendorId);
  return v && !isPlatform(v) ? recipientOf(v) : null;
}

/** True for the site's own platform (1C-Bitrix, PHP, Java EE ...): never a tracker, third party or recipient. */
export function isPlatformVendorId(vendorId: string): boolean {
  return isPlatform(byId.get(vendorId));
}
