/**
 * One-off import of the Open Cookie Database CSV into policy/catalogue/ocd/ocd-table.json
 * (issue #2). Usage: npx tsx scripts/import-ocd.ts <path-to-open-cookie-database.csv> [commit]
 * The CSV path is only this script's argument; nothing at build, test or run time reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { OcdCategorySchema, OcdTableSchema, type OcdRow, type OcdTable } from '../policy/catalogue/ocd/table';

const DEFAULT_COMMIT = '0ee5a17fe1cb002943f89370d24fc26a4226061c';

interface CsvRow {
  ID: string;
  Platform: string;
  Category: string;
  'Cookie / Data Key name': string;
  Domain: string;
  Description: string;
  'Retention period': string;
  'Data Controller': string;
  'Wildcard match': string;
}

export function buildOcdTable(csvText: string, commit = DEFAULT_COMMIT): OcdTable {
  const parsed = Papa.parse<CsvRow>(csvText, { header: true, skipEmptyLines: true });
  const intern = <T>(list: T[], map: Map<string, number>, key: string, value: T): number => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      map.set(key, i);
    }
    return i;
  };
  const t: OcdTable = {
    source: 'github.com/jkwakman/Open-Cookie-Database open-cookie-database.csv',
    commit,
    licence: 'Apache-2.0',
    platforms: [],
    categories: [],
    retention: [],
    descriptions: [],
    rows: [],
  };
  const pm = new Map<string, number>();
  const cm = new Map<string, number>();
  const rm = new Map<string, number>();
  const dm = new Map<string, number>();
  for (const r of parsed.data) {
    const name = (r['Cookie / Data Key name'] ?? '').trim();
    const id = (r.ID ?? '').trim();
    if (!name || !id) continue;
    const platform = (r.Platform ?? '').trim();
    const controller = (r['Data Controller'] ?? '').trim();
    const cat = OcdCategorySchema.safeParse((r.Category ?? '').trim());
    const row: OcdRow = [
      id,
      name,
      (r['Wildcard match'] ?? '').trim() === '1' ? 1 : 0,
      intern(t.platforms, pm, `${platform}\u0000${controller}`, [platform, controller] as [string, string]),
      intern(t.categories, cm, cat.success ? cat.data : 'Functional', cat.success ? cat.data : 'Functional'),
      (r.Domain ?? '').trim(),
      intern(t.retention, rm, (r['Retention period'] ?? '').trim(), (r['Retention period'] ?? '').trim()),
      intern(t.descriptions, dm, (r.Description ?? '').trim(), (r.Description ?? '').trim()),
    ];
    t.rows.push(row);
  }
  return OcdTableSchema.parse(t);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const csvPath = process.argv[2];
  if (!csvPath) {
    console.error('usage: npx tsx scripts/import-ocd.ts <open-cookie-database.csv> [commit]');
    process.exit(2);
  }
  const table = buildOcdTable(readFileSync(csvPath, 'utf8'), process.argv[3] ?? DEFAULT_COMMIT);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'policy', 'catalogue', 'ocd', 'ocd-table.json');
  const json = JSON.stringify(table);
  writeFileSync(out, json + '\n');
  console.log(`wrote ${out}: ${table.rows.length} rows, ${table.platforms.length} platforms, ${json.length} bytes`);
}
