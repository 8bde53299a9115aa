import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PageStateSchema,
  addCookieEvent,
  addRequest,
  mergeSignals,
  newPage,
  setStorageSnapshot,
  type PageState,
} from '../../policy/page-state';
import { HOST_BUCKETS, REQUESTS_PER_CHUNK, joinPageState, pagePart, splitPageState } from '../../policy/page-state-parts';
import { siteCookie } from './findings-helpers';

const T0 = 1_700_000_000_000;

function sample(nRequests: number, hosts: string[]): PageState {
  const s = newPage(3, 'https://pro-medika.ru/privacy/', T0);
  for (let i = 0; i < nRequests; i++) {
    const host = hosts[i % hosts.length];
    addRequest(
      s,
      { url: `https://${host}/p.gif?i=${i}`, method: 'GET', kind: 'image', time: T0 + i, frameId: 0, via: 'webRequest' },
      true,
      i % 2 ? { vendorId: 'v' } : null,
    );
  }
  setStorageSnapshot(s, 'https://pro-medika.ru', [{ area: 'local', key: '_ym_uid', valueLength: 3, valuePreview: '123' }], T0);
  mergeSignals(s, { title: 'Политика', policyText: 'текст политики', referrerPolicy: 'unsafe-url' });
  for (let i = 0; i <= nRequests % 5; i++) addCookieEvent(s, siteCookie(`_ym_uid${i}`, '1'), T0);
  s.referrerPolicyHeader = 'no-referrer';
  return s;
}

const roundTrip = (s: PageState) => PageStateSchema.parse(joinPageState(structuredClone(splitPageState(s))));

describe('page record in storage parts', () => {
  it('join(split(state)) gives the state back', () => {
    const s = sample(100, ['mc.yandex.ru', 'vk.com', 'top-fwz1.mail.ru', '127.0.0.1', 'xn--80ak6aa92e.com']);
    expect(roundTrip(s)).toEqual(PageStateSchema.parse(s));
  });

  it('property: any number of requests and hosts round-trips, evidence order kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.uniqueArray(fc.domain(), { minLength: 1, maxLength: 40 }), (n, hosts) => {
        const s = sample(n, hosts);
        const back = roundTrip(s);
        expect(back.requests.map((r) => r.url)).toEqual(s.requests.map((r) => r.url));
        expect(back.hosts).toEqual(PageStateSchema.parse(s).hosts);
        expect(back.requestCount).toBe(s.requestCount);
        expect(back.cookieEvents).toEqual(s.cookieEvents);
      }),
      { numRuns: 60 },
    );
  });

  it('each part is what split() says; evidence comes in chunks, hosts in buckets', () => {
    const s = sample(REQUESTS_PER_CHUNK * 2 + 1, ['a.example', 'b.example']);
    const parts = splitPageState(s);
    expect(Object.keys(parts).filter((k) => k[0] === 'R')).toEqual(['R0', 'R1', 'R2']);
    expect((parts.R2 as unknown[]).length).toBe(1);
    for (const [name, value] of Object.entries(parts)) expect(pagePart(s, name)).toEqual(value);
    expect(pagePart(s, 'R3')).toBeUndefined();
    expect(pagePart(s, `H${HOST_BUCKETS}`)).toBeUndefined();
    expect(pagePart(s, 'x')).toBeUndefined();
    // The meta part carries no list: a request writes a few hundred bytes, not the record.
    expect(JSON.stringify(parts.m).length).toBeLessThan(400);
  });

  it('a missing meta part or a gap in the chunks never gives a record that claims more than it has', () => {
    const s = sample(REQUESTS_PER_CHUNK * 3, ['a.example']);
    const parts = splitPageState(s);
    const { m: _m, ...noMeta } = parts;
    expect(joinPageState(noMeta)).toBeUndefined();
    const { R1: _r1, ...gap } = parts;
    const back = PageStateSchema.parse(joinPageState(gap));
    expect(back.requests).toHaveLength(REQUESTS_PER_CHUNK);
  });
});
