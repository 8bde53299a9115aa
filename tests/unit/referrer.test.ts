import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFERRER_POLICIES, computeReferer, effectivePolicy, parseReferrerPolicy, type ReferrerPolicy } from '../../policy/referrer';
import { requestsWithReferers } from '../../policy/report/build';
import { addRequest, mergeSignals, newPage, setReferrerPolicyHeader } from '../../policy/page-state';

const PAGE = 'https://user:pw@pro-medika.ru/services/urologiya/?q=1#top';
const FULL = 'https://pro-medika.ru/services/urologiya/?q=1';
const ORIGIN = 'https://pro-medika.ru/';

describe('computeReferer (W3C Referrer Policy §8.3)', () => {
  // Expected values per policy: [same origin, cross origin https, downgrade to http].
  const table: Record<ReferrerPolicy, [string | null, string | null, string | null]> = {
    'no-referrer': [null, null, null],
    'no-referrer-when-downgrade': [FULL, FULL, null],
    'same-origin': [FULL, null, null],
    origin: [ORIGIN, ORIGIN, ORIGIN],
    'strict-origin': [ORIGIN, ORIGIN, null],
    'origin-when-cross-origin': [FULL, ORIGIN, ORIGIN],
    'strict-origin-when-cross-origin': [FULL, ORIGIN, null],
    'unsafe-url': [FULL, FULL, FULL],
  };
  for (const policy of REFERRER_POLICIES) {
    it(`${policy}`, () => {
      const [same, cross, down] = table[policy];
      expect(computeReferer(PAGE, 'https://pro-medika.ru/api/x', policy)).toBe(same);
      expect(computeReferer(PAGE, 'https://mc.yandex.ru/watch/1', policy)).toBe(cross);
      expect(computeReferer(PAGE, 'http://counter.example/p.gif', policy)).toBe(down);
    });
  }

  it('never carries credentials or the fragment; a URL over 4096 characters is cut to its origin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERRER_POLICIES),
        fc.webUrl({ withFragments: true, withQueryParameters: true }),
        (policy, target) => {
          const r = computeReferer(PAGE, target, policy);
          expect(r === null || (!r.includes('#') && !r.includes('user:pw'))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
    const long = `https://pro-medika.ru/${'a'.repeat(5000)}`;
    expect(computeReferer(long, 'https://pro-medika.ru/x', 'unsafe-url')).toBe(ORIGIN);
  });

  it('non-network documents and malformed URLs send none', () => {
    expect(computeReferer('about:blank', 'https://mc.yandex.ru/', 'unsafe-url')).toBeNull();
    expect(computeReferer('not a url', 'https://mc.yandex.ru/', 'unsafe-url')).toBeNull();
    expect(computeReferer(PAGE, '::', 'unsafe-url')).toBeNull();
  });
});

describe('referrer policy parsing and precedence', () => {
  it('the last known token of a comma list wins; unknown tokens are ignored', () => {
    expect(parseReferrerPolicy('no-referrer, unsafe-url')).toBe('unsafe-url');
    expect(parseReferrerPolicy('unsafe-url, made-up')).toBe('unsafe-url');
    expect(parseReferrerPolicy(' Origin ')).toBe('origin');
    expect(parseReferrerPolicy('made-up')).toBeNull();
    expect(parseReferrerPolicy('')).toBeNull();
    expect(parseReferrerPolicy(undefined)).toBeNull();
  });

  it('meta overrides the header, the header the default', () => {
    expect(effectivePolicy('no-referrer', 'unsafe-url')).toBe('unsafe-url');
    expect(effectivePolicy('no-referrer', 'bogus')).toBe('no-referrer');
    expect(effectivePolicy(undefined, undefined)).toBe('strict-origin-when-cross-origin');
  });
});

describe('requestsWithReferers (evidence for health-context-leak)', () => {
  const T0 = 1_700_000_000_000;
  const page = () => {
    const s = newPage(1, 'https://pro-medika.ru/services/urologiya/', T0);
    addRequest(s, { url: 'https://mc.yandex.ru/watch/1', method: 'GET', kind: 'image', time: T0, frameId: 0, via: 'webRequest' }, true);
    addRequest(s, { url: 'https://vk.com/rtrg', method: 'GET', kind: 'image', time: T0, frameId: 7, via: 'webRequest' }, true);
    return s;
  };

  it('default policy: third parties get the origin only', () => {
    const [top, frame] = requestsWithReferers(page());
    expect(top.referer).toBe('https://pro-medika.ru/');
    expect(frame.referer).toBeUndefined(); // a frame's document is not observed: no claim
  });

  it('a <meta name="referrer" content="unsafe-url"> sends the full page URL', () => {
    const s = page();
    mergeSignals(s, { referrerPolicy: 'unsafe-url' });
    expect(requestsWithReferers(s)[0].referer).toBe('https://pro-medika.ru/services/urologiya/');
  });

  it('the Referrer-Policy header counts when there is no meta; no-referrer sends none', () => {
    const s = page();
    setReferrerPolicyHeader(s, 'no-referrer');
    expect(requestsWithReferers(s)[0].referer).toBeUndefined();
    setReferrerPolicyHeader(s, 'unsafe-url');
    expect(requestsWithReferers(s)[0].referer).toBe('https://pro-medika.ru/services/urologiya/');
  });
});
