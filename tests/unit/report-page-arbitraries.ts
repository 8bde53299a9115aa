import fc from 'fast-check';

/**
 * fast-check generators for the parts of a report page (policy/report/schema.ts), shared by
 * the property tests that round-trip pages through the history store's forms:
 * tests/unit/fragments.test.ts (hostile strings through every exporter) and
 * tests/unit/history-slim.test.ts (repeated policy quotes through the slim record's text
 * table). Each test composes its own page from these parts; what differs between them is
 * passed in, not copied.
 */
export interface ReportPartsOptions {
  /** Every free-text field. */
  str: fc.Arbitrary<string>;
  /** Trackers' vendor ids (default: str). */
  vendor?: fc.Arbitrary<string>;
  /** Findings' vendor ids (default: vendor). */
  findingVendor?: fc.Arbitrary<string>;
  /** Trackers' categories (default: str). */
  category?: fc.Arbitrary<string>;
  /** Trackers' policy quotes (default: str). */
  quote?: fc.Arbitrary<string>;
  /** Findings' kinds (default: str). */
  kind?: fc.Arbitrary<string>;
  /** Shapes of finding evidence besides the common three (rule/quote/url, quotes, any JSON). */
  evidence?: fc.Arbitrary<unknown>[];
  /** Depth of the free-form evidence JSON (default: fast-check's). */
  jsonDepth?: number;
}

const disclosure = fc.constantFrom('named', 'generic', 'undisclosed', 'contradicted' as const);

export function reportPageParts(o: ReportPartsOptions) {
  const { str } = o;
  const vendor = o.vendor ?? str;
  const pair = fc.record({ ru: str, en: str });
  const tracker = fc.record(
    {
      vendor,
      name: str,
      organization: str,
      country: fc.option(str),
      category: o.category ?? str,
      hosts: fc.array(str, { maxLength: 3 }),
      requests: fc.nat(50),
      cookies: fc.array(str, { maxLength: 3 }),
      storage: fc.array(str, { maxLength: 2 }),
      description: pair,
      features: fc.array(str, { maxLength: 2 }),
      parts: fc.array(fc.record({ feature: str, disclosure, explanation: pair }), { maxLength: 2 }),
      purposes: fc.array(str, { maxLength: 2 }),
      disclosure,
      quotes: fc.array(o.quote ?? str, { maxLength: 3 }),
      explanation: pair,
      contradictions: fc.array(
        fc.record({
          rule: str,
          clause: str,
          quote: str,
          evidence: fc.record({ url: str, param: str, detail: str }, { requiredKeys: ['url'] }),
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['vendor', 'name', 'category', 'hosts', 'requests', 'cookies', 'storage', 'features', 'purposes', 'quotes'] },
  );
  const finding = fc.record(
    {
      kind: o.kind ?? str,
      severity: fc.constantFrom('high', 'medium', 'low', 'info' as const),
      vendor: o.findingVendor ?? vendor,
      evidence: fc.oneof(
        fc.record({ rule: str, quote: str, url: str }),
        fc.record({ quotes: fc.array(str, { maxLength: 3 }) }),
        ...(o.evidence ?? []),
        fc.dictionary(str, fc.jsonValue(o.jsonDepth === undefined ? {} : { maxDepth: o.jsonDepth }), { maxKeys: 3 }),
      ),
      clause: str,
      title: pair,
    },
    { requiredKeys: ['kind', 'severity', 'evidence'] },
  );
  const cookie = fc.record(
    {
      name: str,
      value: str,
      domain: str,
      path: str,
      firstParty: fc.boolean(),
      httpOnly: fc.boolean(),
      secure: fc.boolean(),
      sameSite: fc.constantFrom('none', 'lax', 'strict', 'unspecified' as const),
      expires: fc.option(str),
      session: fc.boolean(),
      partitioned: fc.boolean(),
      size: fc.nat(5000),
      vendor: fc.option(str),
      feature: str,
      purposes: fc.array(str, { maxLength: 2 }),
      disclosure,
    },
    {
      requiredKeys: [
        'name',
        'domain',
        'path',
        'firstParty',
        'httpOnly',
        'secure',
        'sameSite',
        'expires',
        'session',
        'partitioned',
        'size',
        'vendor',
        'purposes',
      ],
    },
  );
  const storage = fc.record({
    area: fc.constantFrom('local', 'session' as const),
    key: str,
    vendor: fc.option(str),
    purposes: fc.array(str, { maxLength: 2 }),
  });
  const thirdParty = fc.record({
    host: str,
    site: str,
    vendor: fc.option(str),
    requests: fc.nat(100),
    types: fc.array(fc.constantFrom('script', 'image', 'xhr', 'beacon' as const), { maxLength: 3 }),
    likelyTracking: fc.boolean(),
    reasons: fc.array(str, { maxLength: 2 }),
    setCookie: fc.boolean(),
  });
  return { tracker, finding, cookie, storage, thirdParty };
}
