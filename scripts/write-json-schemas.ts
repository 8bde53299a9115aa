/**
 * Writes schemas/*.schema.json (JSON Schema draft 2020-12) from the zod schemas
 * (policy/report/json-schema.ts). Run: npx tsx scripts/write-json-schemas.ts
 * tests/unit/export-json-schema.test.ts fails when the committed files drift from the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../policy/report/json-schema';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(jsonSchemaFiles())) writeFileSync(join(dir, name), content);
console.log(`schemas written to ${dir}`);
