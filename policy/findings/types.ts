import type { Classifier } from '../catalogue/schema';
import type { ObservedCookie } from '../observation';
import type { PageState } from '../page-state';
import type { Finding, ReportPage } from '../report/schema';

/** The health lexicon's contract (policy/health/lexicon.ts, helper C). */
export type DetectHealth = (text: string) => { matched: boolean; terms: string[] };

/**
 * Everything a findings rule may look at (issue #5). Rules are pure: the classifier and the
 * health lexicon are passed in, so tests can run on plain data.
 */
export interface FindingsInput {
  /** The per-page record (bounded third-party requests, cookie events, signals). */
  state: PageState;
  /** The report page with the policy mapping already applied (issue #3). */
  page: ReportPage;
  /** The current cookie snapshot for the page. */
  cookies: ObservedCookie[];
  /** First-party registrable domains (site profile). */
  siteDomains: string[];
  classifier: Classifier;
  detectHealth: DetectHealth;
  /** ms since epoch; defaults to the page start. */
  now?: number;
}

export type FindingKind =
  | 'undisclosed-tracker'
  | 'possible-contradiction'
  | 'before-consent'
  | 'health-context-leak'
  | 'pii-leak'
  | 'session-replay'
  | 'form-without-policy'
  | 'insecure-form'
  | 'cookie-attributes'
  | 'cross-border-transfer';

/** Deterministic output order of computeFindings. */
export const FINDING_KINDS: readonly FindingKind[] = [
  'pii-leak',
  'health-context-leak',
  'session-replay',
  'possible-contradiction',
  'undisclosed-tracker',
  'cross-border-transfer',
  'before-consent',
  'insecure-form',
  'form-without-policy',
  'cookie-attributes',
];

export type Rule = (input: FindingsInput) => Finding[];

/** Max characters of a URL kept in evidence (reports stay small; the full URL is in the page record). */
export const EVIDENCE_URL_MAX = 300;

export function truncateUrl(url: string, max = EVIDENCE_URL_MAX): string {
  return url.length > max ? `${url.slice(0, max)}…` : url;
}
