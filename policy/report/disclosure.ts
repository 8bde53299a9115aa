/**
 * How a tracker is disclosed in the clinic's privacy policy (issue #3). The values without
 * zod, so that the report schema (zod) and the history's list schemas (zod/mini,
 * policy/history/list-schema.ts) share one list.
 */
export const DISCLOSURE_VALUES = ['named', 'generic', 'undisclosed', 'contradicted'] as const;
