import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LIMITS,
  PageStateSchema,
  addCookieEvent,
  addRequest,
  addResourceTiming,
  mergeSignals,
  newPage,
  safeHost,
  setReferrerPolicyHeader,
  setStorageSnapshot,
} from '../../policy/page-state';
import { PART_META, PART_POLICY_TEXT, PART_SIGNALS, PART_STORAGE, cookiePart, hostPart, requestPart } from '../../policy/page-state-parts';
import { toRequestKind, initiatorTypeToKind } from '../../policy/observation';

const T0 = 1_700_000_000_000;
const req = (url: string, extra: Partial<Parameters<typeof addRequest>[1]> = {}) => ({
  url,
  method: 'GET',
  kind: 'image' as const,
  time: T0 + 10,
  frameId: 0,
  via: 'webRequest' as const,
  ...extra,
});

describe('page state reducer', () => {
  it('counts every request, aggregates by host, keeps third-party evidence', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    addRequest(s, req('https://pro-medika.ru/app.js', { kind: 'script' }), false);
    for (let i = 0; i < 3; i++) addRequest(s, req(`https://mc.yandex.ru/watch/1?i=${i}`), true, { vendorId: 'yandex-metrica' });
    addRequest(s, req('https://mc.yandex.ru/webvisor/1', { kind: 'xhr', method: 'POST', body: 'x' }), true, {
      vendorId: 'yandex-metrica',
      feature: 'webvisor',
    });
    expect(s.requestCount).toBe(5);
    expect(s.hosts['mc.yandex.ru'].requests).toBe(4);
    expect(s.hosts['mc.yandex.ru'].vendors['yandex-metrica']).toBe(4);
    expect(s.hosts['mc.yandex.ru'].features).toEqual(['webvisor']);
    expect(s.hosts['mc.yandex.ru'].pixel).toBe(true);
    expect(s.hosts['mc.yandex.ru'].kinds.sort()).toEqual(['image', 'xhr']);
    expect(s.requests).toHaveLength(4); // first-party request not kept as evidence
    expect(PageStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('bounds evidence and counts what it dropped; long URLs and bodies are truncated', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    for (let i = 0; i < LIMITS.requests + 25; i++)
      addRequest(s, req(`https://a.example/${'x'.repeat(5000)}?${i}`, { body: 'b'.repeat(10_000) }), true);
    expect(s.requests).toHaveLength(LIMITS.requests);
    expect(s.droppedRequests).toBe(25);
    expect(s.requestCount).toBe(LIMITS.requests + 25);
    expect(s.requests[0].url.length).toBe(LIMITS.url);
    expect(s.requests[0].body!.length).toBe(LIMITS.body);
  });

  it('keeps no undefined keys on stored evidence (what is written is what is read back)', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    addRequest(s, req('https://vk.com/rtrg?p=1', { requestId: '42' }), true);
    expect(Object.keys(s.requests[0]).sort()).toEqual(['frameId', 'kind', 'method', 'requestId', 'time', 'url', 'via']);
  });

  it('resource timing only adds hosts webRequest did not see, and never double counts', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    addRequest(s, req('https://mc.yandex.ru/watch/1'), true, { vendorId: 'yandex-metrica' });
    addResourceTiming(s, [
      { url: 'https://mc.yandex.ru/watch/1', kind: 'image', time: T0, match: { vendorId: 'yandex-metrica' } },
      { url: 'https://counter.unknown.example/c.js', kind: 'script', time: T0, match: null },
      { url: 'https://counter.unknown.example/p.gif?x=1', kind: 'image', time: T0, match: null },
      { url: 'not a url', kind: 'other', time: T0, match: null },
    ]);
    expect(s.hosts['mc.yandex.ru'].requests).toBe(1);
    expect(s.hosts['counter.unknown.example']).toMatchObject({ requests: 2, resourceTimingOnly: true, pixel: true });
    expect(s.requestCount).toBe(3);
  });

  it('storage snapshots replace keys per origin and keep first-seen times', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    setStorageSnapshot(
      s,
      'https://pro-medika.ru',
      [
        { area: 'local', key: '_ym_uid', valueLength: 19 },
        { area: 'session', key: 'gone', valueLength: 1 },
      ],
      T0 + 1,
    );
    setStorageSnapshot(s, 'https://pro-medika.ru', [{ area: 'local', key: '_ym_uid', valueLength: 19 }], T0 + 5);
    expect(s.storage).toEqual([{ area: 'local', key: '_ym_uid', valueLength: 19, origin: 'https://pro-medika.ru', firstSeen: T0 + 1 }]);
  });

  it('signals: a report that changes nothing changes no part (the open page is not snapshotted again)', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const form = {
      action: 'https://pro-medika.ru/zapis/',
      method: 'post',
      personalFields: ['phone'],
      hasPolicyLink: true,
      hasConsentText: true,
    };
    const report = { title: 'Запись', forms: [form], hasPolicyLink: true, referrerPolicy: 'origin', firstInteractionAt: T0 + 50 };
    expect(mergeSignals(s, report)).toEqual([PART_META, PART_SIGNALS]);
    // The content script's periodic report, identical: nothing to write, rev stays.
    expect(mergeSignals(s, { ...report, forms: [{ ...form }], typedValues: [] })).toEqual([]);
    // A later interaction time never moves the earliest one, so it changes nothing either.
    expect(mergeSignals(s, { firstInteractionAt: T0 + 900 })).toEqual([]);
    // Each field that does change is written.
    expect(mergeSignals(s, { forms: [{ ...form, personalFields: ['phone', 'email'] }] })).toEqual([PART_META, PART_SIGNALS]);
    expect(mergeSignals(s, { title: 'Запись на приём' })).toEqual([PART_META, PART_SIGNALS]);
    expect(mergeSignals(s, { consentAcceptedAt: T0 + 70 })).toEqual([PART_META, PART_SIGNALS]);
    expect(mergeSignals(s, { typedValues: [{ field: 'phone', value: '+7 913' }] })).toEqual([PART_META, PART_SIGNALS]);
    expect(mergeSignals(s, { typedValues: [{ field: 'phone', value: '+7 913' }] })).toEqual([]);
    expect(mergeSignals(s, { policyText: 'Политика' })).toEqual([PART_META, PART_SIGNALS, PART_POLICY_TEXT]);
    expect(mergeSignals(s, { policyText: 'Политика' })).toEqual([]);
  });

  it('signals: earliest interaction and consent win; typed values deduplicated and bounded', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    mergeSignals(s, { firstInteractionAt: T0 + 500, title: 'A' });
    mergeSignals(s, { firstInteractionAt: T0 + 100, consentAcceptedAt: T0 + 900 });
    mergeSignals(s, {
      firstInteractionAt: T0 + 800,
      typedValues: [
        { field: 'phone', value: '+7 913' },
        { field: 'phone', value: '+7 913' },
      ],
    });
    expect(s.signals.firstInteractionAt).toBe(T0 + 100);
    expect(s.signals.consentAcceptedAt).toBe(T0 + 900);
    expect(s.signals.typedValues).toEqual([{ field: 'phone', value: '+7 913' }]);
    expect(s.title).toBe('A');
  });

  it('cookie events keep the first time a cookie was seen, with bounded values', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const c = {
      name: '_ym_uid',
      value: '1'.repeat(1000),
      domain: '.pro-medika.ru',
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'lax' as const,
      hostOnly: false,
      session: false,
    };
    addCookieEvent(s, c, T0 + 1);
    addCookieEvent(s, { ...c, value: '2' }, T0 + 9);
    expect(s.cookieEvents).toHaveLength(1);
    expect(s.cookieEvents[0]).toMatchObject({ value: '2', firstSeen: T0 + 1 });
    addCookieEvent(s, { ...c, name: 'x' }, T0 + 2);
    expect(s.cookieEvents[1].value.length).toBe(256);
  });

  it('never throws on arbitrary URLs (malformed, IDN, IP, non-http)', () => {
    fc.assert(
      fc.property(fc.string(), (u) => {
        const s = newPage(1, 'https://pro-medika.ru/', T0);
        addRequest(s, req(u), true);
        addResourceTiming(s, [{ url: u, kind: 'other', time: T0, match: null }]);
        return s.requestCount >= 1;
      }),
    );
    expect(safeHost('https://сайт.рф/x')).toBe('xn--80aswg.xn--p1ai');
    expect(safeHost('https://127.0.0.1:8443/p.gif')).toBe('127.0.0.1');
    expect(safeHost('https://')).toBeNull();
    expect(safeHost('data:image/gif;base64,R0l')).toBeNull();
  });

  it('maps browser resource types onto request kinds', () => {
    expect(toRequestKind('ping')).toBe('beacon');
    expect(toRequestKind('beacon')).toBe('beacon');
    expect(toRequestKind('xmlhttprequest')).toBe('xhr');
    expect(toRequestKind('sub_frame')).toBe('subdocument');
    expect(toRequestKind('something-new')).toBe('other');
    expect(initiatorTypeToKind('img')).toBe('image');
    expect(initiatorTypeToKind('fetch')).toBe('xhr');
    expect(initiatorTypeToKind('beacon')).toBe('beacon');
  });
});

describe('page state: change reporting (each reducer names the storage parts it changed)', () => {
  it('a third-party request changes meta, its host bucket and the last evidence chunk; a first-party one no evidence', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    expect(addRequest(s, req('https://pro-medika.ru/a.css'), false)).toEqual([PART_META, hostPart('pro-medika.ru')]);
    expect(addRequest(s, req('https://vk.com/rtrg?p=1'), true)).toEqual([PART_META, hostPart('vk.com'), requestPart(0)]);
    expect(addRequest(s, req('not a url'), true)).toEqual([PART_META, requestPart(1)]);
  });

  it('dropped evidence changes only meta (the dropped count)', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    for (let i = 0; i < LIMITS.requests; i++) addRequest(s, req(`https://a.example/${i}`), true);
    expect(addRequest(s, req('https://a.example/over'), true)).toEqual([PART_META, hostPart('a.example')]);
  });

  it('other reducers name their parts; nothing changed, nothing named', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    expect(setStorageSnapshot(s, 'https://pro-medika.ru', [], T0)).toEqual([PART_STORAGE]);
    expect(mergeSignals(s, { title: 't' })).toEqual([PART_META, PART_SIGNALS]);
    expect(mergeSignals(s, { policyText: 'text' })).toEqual([PART_META, PART_SIGNALS, PART_POLICY_TEXT]);
    const cookie = {
      name: 'a',
      value: 'b',
      domain: '.vk.com',
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'no_restriction' as const,
      hostOnly: false,
      session: true,
    };
    expect(addCookieEvent(s, cookie, T0)).toEqual([cookiePart(0)]);
    expect(addCookieEvent(s, { ...cookie, name: 'z' }, T0)).toEqual([cookiePart(1)]);
    expect(addResourceTiming(s, [{ url: 'https://x.example/p.gif', kind: 'image', time: T0, match: null }])).toEqual([
      PART_META,
      hostPart('x.example'),
    ]);
    expect(addResourceTiming(s, [{ url: 'not a url', kind: 'image', time: T0, match: null }])).toEqual([]);
    expect(setReferrerPolicyHeader(s, 'unsafe-url')).toEqual([PART_META]);
    expect(setReferrerPolicyHeader(s, 'unsafe-url')).toEqual([]);
    expect(s.referrerPolicyHeader).toBe('unsafe-url');
  });

  it('a full cookie list changes nothing and says so', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const c = (i: number) => ({
      name: `c${i}`,
      value: 'v',
      domain: 'pro-medika.ru',
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'lax' as const,
      hostOnly: true,
      session: true,
    });
    for (let i = 0; i < LIMITS.cookies; i++) addCookieEvent(s, c(i), T0);
    expect(addCookieEvent(s, c(LIMITS.cookies), T0)).toEqual([]);
    expect(addCookieEvent(s, c(7), T0 + 1)).toEqual([cookiePart(7)]); // an update of a known cookie
  });
});

describe('a request event delivered twice is counted once (issue 15)', () => {
  it('the same requestId and URL again adds nothing; a redirect hop (same id, new URL) counts', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    const hit = req('https://mc.yandex.ru/watch/1?i=1', { requestId: '77' });
    expect(addRequest(s, hit, true, { vendorId: 'yandex-metrica' })).not.toEqual([]);
    expect(addRequest(s, hit, true, { vendorId: 'yandex-metrica' })).toEqual([]);
    addRequest(s, req('https://mc.yandex.ru/watch/1?i=1&redirected=1', { requestId: '77' }), true, { vendorId: 'yandex-metrica' });
    expect(s.requestCount).toBe(2);
    expect(s.hosts['mc.yandex.ru'].vendors['yandex-metrica']).toBe(2);
    expect(s.requests).toHaveLength(2);
  });

  it('remembers a bounded number of recent requests, and the memory survives a storage round trip', () => {
    const s = newPage(1, 'https://pro-medika.ru/', T0);
    for (let i = 0; i < 500; i++) addRequest(s, req(`https://a.example/${i}`, { requestId: String(i) }), true);
    expect(s.recentRequests.length).toBeLessThanOrEqual(64);
    const back = PageStateSchema.parse(JSON.parse(JSON.stringify(s)));
    addRequest(back, req('https://a.example/499', { requestId: '499' }), true);
    expect(back.requestCount).toBe(500);
  });
});
