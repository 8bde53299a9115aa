/**
 * Writes the Open Cookie Database part of the catalogue as the extension ships it (issue #15):
 * public/ocd-catalogue.json, the vendors ocd/build.ts derives, packed (policy/catalogue/ocd/packed.ts),
 * with OCD's descriptions. Run after changing ocd-table.json, the curated vendors or ocd/build.ts:
 *   npx tsx scripts/gen-ocd-catalogue.ts
 * tests/unit/catalogue.test.ts fails when the file drifts.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueSchema } from '../policy/catalogue/schema';
import { curatedVendorsInput } from '../policy/catalogue/vendors';
import { ocdRecords } from '../policy/catalogue/ocd/table';
import { ocdTable, packOcd } from '../policy/catalogue/ocd/build';

export const OCD_CATALOGUE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'ocd-catalogue.json');

/** The file's content, as written. */
export const renderOcdCatalogue = (): string =>
  JSON.stringify(packOcd(CatalogueSchema.parse(curatedVendorsInput), ocdRecords(ocdTable))) + '\n';

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = renderOcdCatalogue();
  writeFileSync(OCD_CATALOGUE_PATH, out);
  console.log(`written: ${OCD_CATALOGUE_PATH} (${out.length} bytes)`);
}
