import { countryLabel, isAbroad } from '../catalogue/recipient';
import { mentionsCrossBorder } from '../policy-model/observations';
import { POLICY_TEXT } from '../policy-model/text';
import type { Finding } from '../report/schema';
import type { FindingsInput } from './types';

/**
 * cross-border-transfer (issue 13): requests from the page reached an organisation whose country
 * (catalogue, with sources) is not Russia. The finding states the facts and the law, never a
 * verdict: whether what was sent is personal data, and whether the operator notified
 * Roskomnadzor, are not known to the extension. An unknown country gives no finding.
 */

export { CROSS_BORDER_LAW, ORGANIZATION_NOTES } from './cross-border-text';

const POLICY_MENTIONS_CROSS_BORDER = mentionsCrossBorder(POLICY_TEXT);

interface Group {
  vendor: string;
  name: string;
  organization: string;
  country: string;
  hosts: Set<string>;
  requests: number;
}

export function crossBorderTransfer(input: FindingsInput): Finding[] {
  const groups = new Map<string, Group>();
  for (const tp of input.page.thirdParties) {
    if (!tp.vendor || tp.requests === 0) continue;
    const v = input.classifier.vendor(tp.vendor);
    if (!v || v.platform || !isAbroad(v.country)) continue;
    let g = groups.get(v.id);
    if (!g)
      groups.set(
        v.id,
        (g = { vendor: v.id, name: v.name, organization: v.organization, country: v.country!, hosts: new Set(), requests: 0 }),
      );
    g.hosts.add(tp.host);
    g.requests += tp.requests;
  }
  return [...groups.values()]
    .sort((a, b) => a.vendor.localeCompare(b.vendor))
    .map((g) => {
      const where = { ru: countryLabel(g.country, 'ru') ?? g.country, en: countryLabel(g.country, 'en') ?? g.country };
      return {
        kind: 'cross-border-transfer',
        severity: 'medium',
        vendor: g.vendor,
        evidence: {
          organization: g.organization,
          country: g.country,
          hosts: [...g.hosts].sort(),
          requests: g.requests,
          policyMentionsCrossBorder: POLICY_MENTIONS_CROSS_BORDER,
        },
        // The longer text (facts and law) is built from this evidence when shown: findingDetail (cross-border-text.ts).
        title: {
          ru: `Передача организации за пределами России: ${g.organization} (${where.ru})`,
          en: `Transfer to an organisation outside Russia: ${g.organization} (${where.en})`,
        },
      } satisfies Finding;
    });
}
