import type { Finding } from '../report/schema';
import { healthContextLeak } from './health';
import { crossBorderTransfer } from './cross-border';
import { buildPiiNeedles } from './pii';
import {
  beforeConsent,
  cookieAttributes,
  formWithoutPolicy,
  insecureForm,
  piiLeak,
  possibleContradiction,
  sessionReplay,
  undisclosedTracker,
} from './rules';
import { FINDING_KINDS, type FindingsInput } from './types';

export * from './types';
export { healthContextLeak, HEALTH_CLAUSE, PAGE_URL_PARAMS } from './health';
export { crossBorderTransfer, CROSS_BORDER_LAW, ORGANIZATION_NOTES } from './cross-border';
export * from './rules';
export {
  buildPiiNeedles,
  scanRequestForPii,
  valueType,
  phoneForms,
  emailForms,
  type PiiEncoding,
  type PiiHit,
  type PiiNeedle,
} from './pii';
export { md5, sha1, sha256, base64Utf8 } from './hash';

const SEVERITY_RANK: Record<Finding['severity'], number> = { high: 0, medium: 1, low: 2, info: 3 };

/** Stable JSON (sorted keys) so that equal findings serialise equally. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * Runs every rule of issue #5 on one page. Deterministic: kinds in FINDING_KINDS order, then
 * severity, then vendor, then evidence; exact duplicates removed. The typed-value needles
 * (with their hashes) are built once and shared by pii-leak and session-replay.
 */
export function computeFindings(input: FindingsInput): Finding[] {
  const needles = buildPiiNeedles(input.state.signals.typedValues);
  const all = [
    ...undisclosedTracker(input),
    ...possibleContradiction(input),
    ...beforeConsent(input),
    ...healthContextLeak(input),
    ...piiLeak(input, needles),
    ...sessionReplay(input, needles),
    ...formWithoutPolicy(input),
    ...insecureForm(input),
    ...cookieAttributes(input),
    ...crossBorderTransfer(input),
  ];
  const keyed = new Map<string, Finding>();
  for (const f of all) {
    const k = stable({ kind: f.kind, vendor: f.vendor, clause: f.clause, evidence: f.evidence });
    if (!keyed.has(k)) keyed.set(k, f);
  }
  const kindRank = (k: string) => {
    const i = (FINDING_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? FINDING_KINDS.length : i;
  };
  return [...keyed.entries()]
    .sort(
      ([ka, a], [kb, b]) =>
        kindRank(a.kind) - kindRank(b.kind) ||
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        (a.vendor ?? '').localeCompare(b.vendor ?? '') ||
        (ka < kb ? -1 : ka > kb ? 1 : 0),
    )
    .map(([, f]) => f);
}
