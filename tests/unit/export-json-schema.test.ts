import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { jsonExporter } from '../../policy/export/json';
import { aggregatesOf } from '../../policy/history/aggregates';
import { rowOf, summarize } from '../../policy/history/summary';
import { z } from 'zod';
import { toJson } from '../../policy/export';
import { jsonSchemaFiles } from '../../policy/report/json-schema';
import { ReportPageSchema, type Report } from '../../policy/report/schema';

const root = join(__dirname, '..', '..');

const report: Report = {
  schemaVersion: 1,
  generatedAt: '2025-06-01T10:00:00.000Z',
  extensionVersion: '0.1.0',
  pages: [
    {
      url: 'https://pro-medika.ru/',
      finalUrl: 'https://pro-medika.ru/',
      title: 'Главная',
      requestCount: 1,
      trackers: [
        {
          vendor: 'yandex-metrica',
          name: 'Метрика',
          category: 'analytics',
          hosts: ['mc.yandex.ru'],
          requests: 1,
          cookies: ['_ym_uid'],
          storage: [],
          features: [],
          purposes: [],
          quotes: [],
        },
      ],
      cookies: [],
      storage: [],
      thirdParties: [],
      findings: [
        { kind: 'before-consent', severity: 'medium', vendor: 'yandex-metrica', clause: 'consent.by-use', evidence: { offsetMs: 120 } },
      ],
    },
  ],
};

describe('JSON Schemas (schemas/*.schema.json)', () => {
  const files = jsonSchemaFiles();

  it('committed files match the zod schemas (run: npx tsx scripts/write-json-schemas.ts)', () => {
    expect(Object.keys(files).sort()).toEqual([
      'catalogue.schema.json',
      'diff.schema.json',
      'history-aggregates.schema.json',
      'history-record.schema.json',
      'history-row.schema.json',
      'report.schema.json',
    ]);
    for (const [name, content] of Object.entries(files)) expect(readFileSync(join(root, 'schemas', name), 'utf8')).toBe(content);
  });

  it('are draft 2020-12 with an $id', () => {
    for (const content of Object.values(files)) {
      const s = JSON.parse(content);
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toMatch(/^urn:tracker-lens:schema:/);
    }
  });

  it('an exported report.json validates against the committed schema, and a broken one does not', () => {
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8')));
    const exported = JSON.parse(toJson(report));
    expect(schema.safeParse(exported).success).toBe(true);
    const broken = structuredClone(exported);
    broken.pages[0].findings[0].severity = 'catastrophic';
    expect(schema.safeParse(broken).success).toBe(false);
    expect(schema.safeParse({ ...exported, schemaVersion: 2 }).success).toBe(false);
  });

  it("the audit page's streamed JSON export of history records validates against the committed schema", () => {
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8')));
    const pages = [buildSynthetic(syntheticPage({ trackers: 6, cookies: 10, requests: 30 })).page, report.pages[0]];
    // As the audit page gets them: records validated when stored and again when read back (zod output order).
    const read = pages.map((p) => ReportPageSchema.parse(structuredClone(p)));
    const chunks: string[] = [];
    const x = jsonExporter(
      {
        schemaVersion: 1,
        generatedAt: '2026-11-29T00:00:00.000Z',
        extensionVersion: '0.1.0',
        site: 'pro-medika.ru',
        options: { source: 'history' },
      },
      (c) => chunks.push(c),
    );
    x.add(read.slice(0, 1));
    x.add(read.slice(1));
    x.end();
    const exported = JSON.parse(chunks.join(''));
    expect(schema.safeParse(exported).success).toBe(true);
    expect(chunks.join('')).toBe(toJson({ ...exported, pages }));
  });

  it('stored history values validate against the committed history schemas', () => {
    const recSchema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schemas', 'history-record.schema.json'), 'utf8')));
    const page = buildSynthetic(syntheticPage({ trackers: 4, cookies: 6, requests: 20 })).page;
    const stored = { id: 'a', pageId: 'a', url: page.url, time: 1, policyVersion: 'v', bytes: 100, report: page };
    expect(recSchema.safeParse(JSON.parse(JSON.stringify(stored))).success).toBe(true);
    expect(recSchema.safeParse({ ...stored, bytes: -1 }).success).toBe(false);
    const summary = summarize(stored, page);
    const row = rowOf(summary);
    const rowSchema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schemas', 'history-row.schema.json'), 'utf8')));
    const aggSchema = z.fromJSONSchema(JSON.parse(readFileSync(join(root, 'schemas', 'history-aggregates.schema.json'), 'utf8')));
    expect(rowSchema.safeParse(JSON.parse(JSON.stringify(row))).success).toBe(true);
    expect(rowSchema.safeParse({ ...row, h: -1 }).success).toBe(false);
    expect(aggSchema.safeParse(aggregatesOf([summary])).success).toBe(true);
  });
});
