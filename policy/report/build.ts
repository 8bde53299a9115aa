import type { Classifier } from '../catalogue/schema';
import { buildPageReport, extractIdentifiers } from '../inventory';
import type { ObservedCookie, ObservedRequest } from '../observation';
import { computeReferer, effectivePolicy } from '../referrer';
import type { PageState } from '../page-state';
import type { Identifiers, PolicyViewData } from '../messages';
import { groupByPurpose } from '../policy-model/group';
import { mappingFor, policyPurposeSummary } from '../policy-model/disclosure';
import { annotatePage } from '../policy-model/disclosure';
import { comparePolicyText } from '../policy-model/compare';
import { policyVersion } from '../policy-model/text';
import { isPolicyText } from '../policy-model/recognise';
import { isFirstParty } from '../party';
import { computeFindings } from '../findings';
import { policyObservations } from '../policy-model/observations';
import { detectHealthContext } from '../health/lexicon';
import type { ReportPage } from './schema';

export { buildReport } from './build-report';

/**
 * One pipeline from a page's state to its full report entry: inventory (#2), then the
 * policy mapping (#3), then QA findings (#5). The popup, the history and the audit command
 * all call this, so they can never disagree.
 */
export interface BuildInput {
  state: PageState;
  cookies: ObservedCookie[];
  classifier: Classifier;
  siteDomains: string[];
  policyPaths: string[];
  /** Cookie names recording an earlier consent (site profile). */
  consentCookies?: string[];
}

export interface BuiltPage {
  page: ReportPage;
  identifiers: Identifiers;
}

/** The popup's policy view data for one page (see PolicyViewDataSchema). */
export function policyViewData(page: ReportPage): PolicyViewData {
  return {
    groups: groupByPurpose(page.trackers).map((g) => ({ purpose: g.purpose, vendors: g.trackers.map((t) => t.vendor) })),
    summary: policyPurposeSummary([page]),
    observations: policyObservations(),
  };
}

export function isPolicyPage(url: string, policyPaths: string[]): boolean {
  try {
    const path = new URL(url).pathname;
    return policyPaths.some((p) => path === p || path === p.replace(/\/$/, ''));
  } catch {
    return false;
  }
}

/**
 * "changed" is null unless this is the policy page and its text was read (issue #3). The policy
 * page is one of the profile's paths, or any page of the site whose text holds most of the
 * model's sentences (issue 13: the policy served at another path).
 */
export function policyStatus(state: PageState, policyPaths: string[], siteDomains?: string[]): NonNullable<ReportPage['policy']> {
  const text = state.signals.policyText;
  if (!text) return { version: policyVersion, changed: null };
  const ofSite = !siteDomains || isFirstParty(state.url, siteDomains);
  if (!isPolicyPage(state.url, policyPaths) && !(ofSite && isPolicyText(text))) return { version: policyVersion, changed: null };
  const cmp = comparePolicyText(text);
  return {
    version: policyVersion,
    changed: cmp.changed,
    summary: cmp.changed ? cmp.summary.ru : undefined,
    ...(cmp.changed ? { summaryEn: cmp.summary.en, added: cmp.added, removed: cmp.removed } : {}),
  };
}

/**
 * Consent given on an earlier page: a consent cookie present that was not set while this
 * page was open means the notice had been accepted before the page started.
 */
export function withEarlierConsent(state: PageState, cookies: ObservedCookie[], consentCookies: string[]): PageState {
  if (!consentCookies.length || state.signals.consentAcceptedAt !== undefined) return state;
  const setNow = new Set(state.cookieEvents.filter((c) => (c.firstSeen ?? 0) >= state.startedAt).map((c) => c.name));
  const earlier = cookies.some((c) => consentCookies.includes(c.name) && !setNow.has(c.name));
  return earlier ? { ...state, signals: { ...state.signals, consentAcceptedAt: state.startedAt } } : state;
}

/**
 * The page's evidence requests with the Referer each carried, computed from the top
 * document's referrer policy (policy/referrer.ts). Only top-frame requests: a frame's own
 * document URL and policy are not observed, so its requests get no computed Referer.
 */
export function requestsWithReferers(state: PageState): ObservedRequest[] {
  const policy = effectivePolicy(state.referrerPolicyHeader, state.signals.referrerPolicy);
  return state.requests.map((r) => {
    if (r.referer !== undefined || r.frameId !== 0) return r;
    const referer = computeReferer(state.url, r.url, policy);
    return referer === null ? r : { ...r, referer };
  });
}

export function buildFullPage(input: BuildInput): BuiltPage {
  const { cookies, classifier, siteDomains } = input;
  const state = { ...input.state, requests: requestsWithReferers(input.state) };
  const inventory = buildPageReport({ ...input, state });
  const page = annotatePage(inventory, {
    pageUrl: state.url,
    pageTitle: state.title,
    requests: state.requests,
    cookies,
    siteDomains,
    typedValues: state.signals.typedValues,
  });
  // Feature-level disclosure (e.g. Webvisor session replay), kept even when the vendor as a
  // whole is worse (contradicted), so the patient sees each practice's own status.
  for (const t of page.trackers) {
    t.parts = t.features
      .map((f) => ({ f, m: mappingFor(t.vendor, t.category, f) }))
      .filter(({ f, m }) => m !== mappingFor(t.vendor, t.category) || f === 'webvisor')
      .map(({ f, m }) => ({ feature: f, disclosure: m.disclosure, explanation: m.explanation }));
  }
  page.policy = policyStatus(state, input.policyPaths, siteDomains);
  page.findings = computeFindings({
    state: withEarlierConsent(state, cookies, input.consentCookies ?? []),
    page,
    cookies,
    siteDomains,
    classifier,
    detectHealth: detectHealthContext,
  });
  return { page, identifiers: extractIdentifiers(cookies, siteDomains) };
}
