import { DIFF_PARTS, type DiffPart } from './schema';

/**
 * Whether a baseline report.json can be compared with the current run (issue #17), decided
 * on the raw JSON before it is parsed (parsing fills defaults, which would make a part the
 * baseline never had look empty, and every current item look new).
 */
export type Compatibility = { ok: true; parts: DiffPart[]; notes: string[] } | { ok: false; error: string };

/** The report fields each diff part reads; a part is compared only when the baseline has them. */
const PART_FIELDS: Record<DiffPart, (page: Record<string, unknown>) => boolean> = {
  trackers: (p) => Array.isArray(p.trackers),
  cookies: (p) => Array.isArray(p.cookies),
  storage: (p) => Array.isArray(p.storage),
  thirdParties: (p) => Array.isArray(p.thirdParties),
  findings: (p) => Array.isArray(p.findings),
  // Pages without trackers say nothing about disclosure; the part is missing only when trackers carry none.
  disclosure: (p) => Array.isArray(p.trackers) && (p.trackers as Record<string, unknown>[]).some((t) => typeof t?.disclosure === 'string'),
  policy: (p) => typeof p.policy === 'object' && p.policy !== null,
};

export function checkBaseline(raw: unknown, current: { schemaVersion: number }): Compatibility {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'is not a report.json (not a JSON object). Fix: give the report.json an earlier audit wrote.' };
  const r = raw as Record<string, unknown>;
  const other = otherFileKind(r);
  if (other) return { ok: false, error: other };
  if (r.schemaVersion !== current.schemaVersion)
    return {
      ok: false,
      error: `has schemaVersion ${JSON.stringify(r.schemaVersion)}, this command reads ${current.schemaVersion}. Fix: audit the baseline release again with this version of the command, and use that report.json.`,
    };
  if (!Array.isArray(r.pages)) return { ok: false, error: 'has no "pages" list. Fix: give the report.json an earlier audit wrote.' };
  const pages = (r.pages as unknown[]).filter(
    (p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !('error' in p && p.error),
  );
  const notes: string[] = [];
  // A part counts as present when any audited page of the baseline has it (older reports lack some fields entirely).
  const withTrackers = pages.filter((p) => Array.isArray(p.trackers) && p.trackers.length > 0);
  const parts = DIFF_PARTS.filter((part) => {
    const among = part === 'disclosure' ? withTrackers : pages;
    return among.length === 0 || among.some(PART_FIELDS[part]);
  });
  const missing = DIFF_PARTS.filter((p) => !parts.includes(p));
  if (missing.length) notes.push(`the baseline has no ${missing.join(', ')}: not compared.`);
  return { ok: true, parts, notes };
}

/** When a JSON object is another file the audit writes next to report.json (diff.json, a JSON Schema): what it is and the fix. */
export function otherFileKind(r: Record<string, unknown>): string | null {
  if ('baseline' in r && 'current' in r && Array.isArray(r.pages))
    return 'is a diff.json, not a report.json. Fix: give the report.json written next to it.';
  if (typeof r.$schema === 'string' && 'properties' in r)
    return 'is a JSON Schema, not a report.json. Fix: give the report.json written next to it.';
  return null;
}

/** The one-line note when the two runs used different extension versions (null when the same). */
export function versionNote(baselineVersion: string, currentVersion: string): string | null {
  if (baselineVersion === currentVersion) return null;
  return `the baseline comes from extension ${baselineVersion}, this run from ${currentVersion}: compared on the fields both have; a change may come from the extension's catalogue or rules rather than the site.`;
}

/** How a report's run visited its pages: each by a fresh visitor or not; browsers at once; shards. */
function layout(options: Record<string, unknown> | undefined): { fresh: boolean; browsers: number; shards: number } {
  const shard = options?.shard as { count?: unknown } | undefined;
  return {
    fresh: options?.freshVisitor === true,
    browsers: Number(options?.concurrency) || 1,
    shards: Number(shard?.count) || Number(options?.mergedShards) || 1,
  };
}

/**
 * The one-line note when cookie, storage and finding changes may come from how the pages were
 * visited rather than from the site (null when both runs visited each page as a new visitor,
 * or both walked the same sequences). A page audited after others in the same browser, without
 * a fresh visitor (--accept-consent, --fill-forms, or an audit from before fresh visitors),
 * lists the cookies and storage they left: with several browsers at once, which pages those
 * were depends on timing; with another shard count, each browser walks another sequence.
 */
export function layoutNote(baseline: Record<string, unknown> | undefined, current: Record<string, unknown> | undefined): string | null {
  const [b, c] = [layout(baseline), layout(current)];
  if (b.fresh && c.fresh) return null;
  const why: string[] = [];
  if (b.fresh !== c.fresh)
    why.push(`${b.fresh ? 'this run' : 'the baseline'} carried cookies and storage from page to page, the other visited each page afresh`);
  else {
    if (b.browsers > 1 || c.browsers > 1)
      why.push(`pages were audited in several browsers at once (baseline ${b.browsers}, this run ${c.browsers})`);
    if (b.shards !== c.shards) why.push(`the runs used different shard counts (baseline ${b.shards}, this run ${c.shards})`);
  }
  if (!why.length) return null;
  const fix =
    b.fresh !== c.fresh
      ? 'audit both alike (a baseline audited before fresh visitors: audit that release again with this command)'
      : 'audit both with the same --shard count and one browser (--concurrency 1)';
  return `${why.join('; ')}: a page lists the cookies and storage its browser kept from the pages audited before it, so cookie, storage and finding changes may come from that, not from the site. Fix: ${fix}.`;
}
