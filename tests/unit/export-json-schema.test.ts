import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJson } from '../../policy/export';
import { jsonSchemaFiles } from '../../policy/report/json-schema';
import type { Report } from '../../policy/report/schema';

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
      trackers: [{ vendor: 'yandex-metrica', name: 'Метрика', category: 'analytics', hosts: ['mc.yandex.ru'], requests: 1, cookies: ['_ym_uid'], storage: [], features: [], purposes: [], quotes: [] }],
      cookies: [],
      storage: [],
      thirdParties: [],
      findings: [{ kind: 'before-consent', severity: 'medium', vendor: 'yandex-metrica', clause: 'consent.by-use', evidence: { offsetMs: 120 } }],
    },
  ],
};

describe('JSON Schemas (schemas/*.schema.json)', () => {
  const files = jsonSchemaFiles();

  it('committed files match the zod schemas (run: npx tsx scripts/write-json-schemas.ts)', () => {
    expect(Object.keys(files).sort()).toEqual(['catalogue.schema.json', 'history-record.schema.json', 'report.schema.json']);
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
});
