import { z } from 'zod';
import { CatalogueSchema } from '../catalogue/schema';
import { HistoryRecordSchema } from '../export/history-record';
import { AggregatesSchema, StoredRowSchema } from '../history/schema';
import { ReportSchema } from './schema';
import { DiffSchema } from '../diff/schema';

/**
 * JSON Schema (draft 2020-12) of the public data contracts, generated from the zod schemas
 * with z.toJSONSchema so they can never disagree with the code. Written to
 * schemas/*.schema.json by scripts/write-json-schemas.ts; tests/unit/export-json-schema.test.ts
 * fails when the committed files drift.
 *
 * "output" mode for report and history (what we write: defaults applied, so defaulted fields
 * are required); "input" mode for the catalogue (what curators write: defaults may be omitted).
 */

// A URN, not a URL: the schemas are not published anywhere, and $id must not pretend they are.
const BASE = 'urn:tracker-lens:schema:';

function generate(schema: z.ZodType, io: 'input' | 'output', id: string, title: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: `${BASE}${id}`, title, description, ...rest };
}

export function reportJsonSchema(): Record<string, unknown> {
  return generate(
    ReportSchema,
    'output',
    'report.schema.json',
    'Tracker Lens report.json',
    'Pages with trackers, cookies, storage, third parties, policy mapping and QA findings (issues #2, #3, #5).',
  );
}

export function diffJsonSchema(): Record<string, unknown> {
  return generate(
    DiffSchema,
    'output',
    'diff.schema.json',
    'Tracker Lens diff.json',
    'What changed per page between a baseline report.json and the current audit (issue #17).',
  );
}

export function catalogueJsonSchema(): Record<string, unknown> {
  return generate(
    CatalogueSchema,
    'input',
    'catalogue.schema.json',
    'Tracker Lens vendor catalogue',
    'Vendors with host, cookie and storage patterns, each fact with its source.',
  );
}

export function historyRecordJsonSchema(): Record<string, unknown> {
  return generate(
    HistoryRecordSchema,
    'output',
    'history-record.schema.json',
    'Tracker Lens history record',
    'One page load stored whole in IndexedDB (store "pages", schema v7).',
  );
}

export function historyRowJsonSchema(): Record<string, unknown> {
  return generate(
    StoredRowSchema,
    'output',
    'history-row.schema.json',
    'Tracker Lens history row',
    'A page load\'s list row stored in IndexedDB (store "rows", schema v7): its summary with its findings by severity (h, m, l, i) for the byFindings index.',
  );
}

export function historyAggregatesJsonSchema(): Record<string, unknown> {
  return generate(
    AggregatesSchema,
    'output',
    'history-aggregates.schema.json',
    'Tracker Lens history aggregates',
    'Running aggregates of the page summaries stored in IndexedDB (store "meta", key "history-aggregates", schema v7).',
  );
}

/** File name -> file content (2-space JSON, trailing newline), as committed under schemas/. */
export function jsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, s] of [
    ['report.schema.json', reportJsonSchema()],
    ['diff.schema.json', diffJsonSchema()],
    ['catalogue.schema.json', catalogueJsonSchema()],
    ['history-record.schema.json', historyRecordJsonSchema()],
    ['history-row.schema.json', historyRowJsonSchema()],
    ['history-aggregates.schema.json', historyAggregatesJsonSchema()],
  ] as const)
    out[name] = `${JSON.stringify(s, null, 2)}\n`;
  return out;
}
