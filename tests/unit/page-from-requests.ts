import { defaultClassifier } from '../../policy/classify';
import { addRequest, newPage } from '../../policy/page-state';
import { buildFullPage } from '../../policy/report/build';
import type { ReportPage } from '../../policy/report/schema';
import { proMedika } from '../../policy/site/pro-medika';

/** The report page the real pipeline builds for a page of the site that sent image requests to `urls`. */
export function pageFromRequests(pageUrl: string, urls: string[], t0: number): ReportPage {
  const s = newPage(1, pageUrl, t0);
  for (const url of urls)
    addRequest(
      s,
      { url, method: 'GET', kind: 'image', time: t0 + 10, frameId: 0, via: 'webRequest' },
      true,
      defaultClassifier.matchUrl(url),
    );
  return buildFullPage({
    state: s,
    cookies: [],
    classifier: defaultClassifier,
    siteDomains: proMedika.domains,
    policyPaths: proMedika.policyPaths,
  }).page;
}
