import { z } from 'zod';

/**
 * Compact committed form of the Open Cookie Database (policy/catalogue/ocd/ocd-table.json,
 * written by scripts/import-ocd.ts; see NOTICE.md for origin and licence). Strings that repeat
 * (platforms, controllers, descriptions, retention periods) are interned in side tables so the
 * file stays well under 500 KB.
 */
export const OcdCategorySchema = z.enum(['Functional', 'Marketing', 'Analytics', 'Security', 'Necessary', 'Personalization']);
export type OcdCategory = z.infer<typeof OcdCategorySchema>;

export const OcdRowSchema = z.tuple([
  z.string().min(1), // 0 OCD row ID
  z.string().min(1), // 1 cookie / data key name
  z.union([z.literal(0), z.literal(1)]), // 2 wildcard: 1 = the name is a prefix
  z.number().int().nonnegative(), // 3 index into platforms
  z.number().int().nonnegative(), // 4 index into categories
  z.string(), // 5 domain as OCD gives it ('' = none)
  z.number().int().nonnegative(), // 6 index into retention
  z.number().int().nonnegative(), // 7 index into descriptions
]);
export type OcdRow = z.infer<typeof OcdRowSchema>;

export const OcdTableSchema = z.object({
  source: z.string(),
  commit: z.string(),
  licence: z.literal('Apache-2.0'),
  /** [platform, data controller] */
  platforms: z.array(z.tuple([z.string(), z.string()])),
  categories: z.array(OcdCategorySchema),
  retention: z.array(z.string()),
  descriptions: z.array(z.string()),
  rows: z.array(OcdRowSchema),
});
export type OcdTable = z.infer<typeof OcdTableSchema>;

/** A row with its interned strings resolved. */
export interface OcdRecord {
  id: string;
  name: string;
  wildcard: boolean;
  platform: string;
  controller: string;
  category: OcdCategory;
  domain: string;
  retention: string;
  description: string;
}

export function ocdRecords(t: OcdTable): OcdRecord[] {
  return t.rows.map(([id, name, wildcard, p, c, domain, r, d]) => ({
    id,
    name,
    wildcard: wildcard === 1,
    platform: t.platforms[p]?.[0] ?? '',
    controller: t.platforms[p]?.[1] ?? '',
    category: t.categories[c] ?? 'Functional',
    domain,
    retention: t.retention[r] ?? '',
    description: t.descriptions[d] ?? '',
  }));
}
