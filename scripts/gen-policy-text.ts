/**
 * Writes policy/policy-model/policy-text.generated.ts from pro-medika-privacy-policy.txt.
 * Run: npx tsx scripts/gen-policy-text.ts
 * tests/unit/policy-text.test.ts fails when the generated module drifts from the .txt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPolicyTextModule } from '../policy/policy-model/text-source';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'policy', 'policy-model');
const raw = readFileSync(join(dir, 'pro-medika-privacy-policy.txt'), 'utf8');
writeFileSync(join(dir, 'policy-text.generated.ts'), renderPolicyTextModule(raw));
console.log('policy-text.generated.ts written');
