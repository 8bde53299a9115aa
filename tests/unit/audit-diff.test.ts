import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffReports, isUnchanged, normaliseUrl, regressions, checkBaseline, layoutNote, DiffSchema } from '../../policy/diff';
import { withDiffSection } from '../../policy/diff/html';
import { ReportSchema, type Report } from '../../policy/report/schema';
import { loadBaseline, compareWithBaseline } from '../../audit/baseline';
import { parseFailOn, matchRegressions } from '../../audit/fail-on';
import { changeTable } from '../../audit/diff-table';
import { RELEASE_2, POLICY_SENTENCE_ALTERED } from '../replica/ids';
import { changes, RELEASE_DIFF, SITE } from './release-diff';
import { reportPageParts } from './report-page-arbitraries';

/** The audits of release 1 and 2 of the replica (written by tests/replica/release-audit.ts, heavy texts trimmed). */
const fixture = (n: 1 | 2): Report =>
  ReportSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'releases', `release-${n}.report.json`), 'utf8')));

describe('diff of the two releases of the replica (fixtures)', () => {
  const diff = diffReports(fixture(1), fixture(2));

  it('is exactly what release 2 changed', () => {
    expect(DiffSchema.parse(diff)).toEqual(diff);
    expect(changes(diff)).toEqual(RELEASE_DIFF);
    const policy = diff.pages.find((p) => p.policy.changed)!.policy;
    expect(policy.sentencesAdded[0]).toContain(POLICY_SENTENCE_ALTERED.slice(0, 60).replace('ё', 'е'));
  });

  it('is empty the other way round only in reverse, and empty against itself', () => {
    expect(changes(diffReports(fixture(2), fixture(2)))).toEqual({});
    const back = diffReports(fixture(2), fixture(1));
    expect(back.pages.find((p) => p.url === `${SITE}/`)!.trackers).toEqual({ added: ['calltouch'], removed: [] });
  });

  it('lists regressions for --fail-on: the new tracker, the new third parties, the new findings, the weakened cookie', () => {
    const regs = regressions(diff);
    const by = (check: string) => regs.filter((r) => r.check === check).map((r) => `${r.page} ${r.item}`);
    expect(by('new-tracker')).toEqual([`${SITE}/appointment/ calltouch`]);
    expect(by('new-third-party')).toEqual([`${SITE}/doctors/ ${RELEASE_2.unknownThirdPartyHost}`, `${SITE}/appointment/ mod.calltouch.ru`]);
    expect(by('new-finding')).toEqual([
      `${SITE}/appointment/ before-consent:calltouch`,
      `${SITE}/appointment/ undisclosed-tracker:calltouch`,
    ]);
    expect(by('cookie-weakened')).toEqual([`${SITE}/ PHPSESSID@pro-medika.ru: lost Secure, lost HttpOnly`]);
    expect(by('disclosure-worse')).toEqual([]);
    const failOn = parseFailOn('new-tracker,new-finding:health-context-leak,pii-leak');
    expect(failOn).toEqual({
      any: false,
      kinds: ['pii-leak'],
      checks: [{ check: 'new-tracker' }, { check: 'new-finding', kind: 'health-context-leak' }],
    });
    expect(matchRegressions(regs, failOn).map((m) => [m.check, m.items.length])).toEqual([['new-tracker', 1]]);
    expect(matchRegressions(regs, parseFailOn('new-finding:before-consent')).map((m) => m.check)).toEqual(['new-finding:before-consent']);
    expect(() => parseFailOn('new-tracker:x')).toThrow(/takes no ":<kind>"/);
    expect(() => parseFailOn('new-finding:nope')).toThrow(/unknown finding kind "nope"/);
  });

  it('prints a change table and an HTML section, escaping what pages control', () => {
    const table = changeTable(diff);
    expect(table).toContain('+calltouch');
    expect(table).toMatch(/4 of 5 page\(s\) changed/);
    // A long cell starts with its counts and its attribute changes, so the weakened cookie is not what gets cut off.
    const home = table.split('\n').find((l) => l.startsWith(`${SITE}/ `))!;
    expect(home).toContain('-6 ~1: ~PHPSESSID@pro-medika.ru(lost Secure, lost HttpOnly)');
    expect(table).toMatch(/Cells ending in "…" are cut short: diff\.json lists every item\.$/);
    const hostile = structuredClone(diff);
    hostile.pages[0].trackers.added = ['<img src=x onerror=alert(1)>'];
    const html = withDiffSection('<html><body><h1>t</h1><p>rest</p></body></html>', hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html.indexOf('changes-since-baseline')).toBeLessThan(html.indexOf('rest'));
  });
});

describe('regressions the releases do not exercise', () => {
  // Release 2 of the replica changes no disclosure and only Secure/HttpOnly: the other regressions on edited copies.
  const r1 = fixture(1);
  const home = (r: Report) => r.pages.find((p) => p.url === `${SITE}/`)!;
  const edited = (edit: (page: Report['pages'][number]) => void): Report => {
    const r = structuredClone(r1);
    edit(home(r));
    return r;
  };
  const checks = (r: Report) => regressions(diffReports(r1, r)).map((x) => `${x.check} ${x.item}`);

  it('disclosure-worse: a vendor or one of its features disclosed less than before; a better disclosure is a change, not a regression', () => {
    const worse = edited((p) => {
      p.trackers.find((t) => t.vendor === 'yandex-direct')!.disclosure = 'undisclosed';
      p.trackers.find((t) => t.vendor === 'vk-ads')!.disclosure = 'named';
    });
    const d = diffReports(r1, worse);
    expect(d.pages.find((p) => p.url === `${SITE}/`)!.disclosure).toEqual([
      { vendor: 'vk-ads', from: 'generic', to: 'named', worse: false },
      { vendor: 'yandex-direct', from: 'named', to: 'undisclosed', worse: true },
    ]);
    expect(checks(worse)).toEqual(['disclosure-worse yandex-direct: named -> undisclosed']);
    const regs = regressions(d);
    expect(matchRegressions(regs, parseFailOn('disclosure-worse')).map((m) => [m.check, m.items.length])).toEqual([
      ['disclosure-worse', 1],
    ]);
    expect(matchRegressions(regs, parseFailOn('new-tracker,cookie-weakened'))).toEqual([]);
    const feature = structuredClone(r1);
    const metrica = home(feature).trackers.find((t) => t.vendor === 'yandex-metrica')!;
    const base = structuredClone(r1);
    home(base).trackers.find((t) => t.vendor === 'yandex-metrica')!.parts = [{ feature: 'webvisor', disclosure: 'generic' } as never];
    metrica.parts = [{ feature: 'webvisor', disclosure: 'contradicted' } as never];
    expect(regressions(diffReports(base, feature)).map((x) => x.item)).toEqual(['yandex-metrica/webvisor: generic -> contradicted']);
  });

  it('cookie-weakened: lost Secure, lost HttpOnly or SameSite loosened; gaining them or a new lifetime is a change, not a regression', () => {
    const cookie = (p: Report['pages'][number], name: string) => p.cookies.find((c) => c.name === name)!;
    const weakened = edited((p) => {
      cookie(p, '_ym_d').sameSite = 'none';
      cookie(p, '_ym_uid').sameSite = 'unspecified';
      cookie(p, '_ym_isad').secure = false;
      cookie(p, 'tmr_lvid').httpOnly = true; // gained: stronger
      cookie(p, 'tmr_detect').sameSite = 'strict'; // tightened
      cookie(p, 'tmr_lvidTS').session = true; // lifetime only
    });
    const changed = diffReports(r1, weakened).pages.find((p) => p.url === `${SITE}/`)!.cookies.changed;
    expect(changed.map((c) => `${c.cookie} ${c.fields.join(',')}`)).toEqual([
      '_ym_d@.pro-medika.ru sameSite',
      '_ym_isad@.pro-medika.ru secure',
      '_ym_uid@.pro-medika.ru sameSite',
      'tmr_detect@.pro-medika.ru sameSite',
      'tmr_lvid@.pro-medika.ru httpOnly',
      'tmr_lvidTS@.pro-medika.ru expires',
    ]);
    expect(checks(weakened)).toEqual([
      'cookie-weakened _ym_d@.pro-medika.ru: SameSite lax -> none',
      'cookie-weakened _ym_isad@.pro-medika.ru: lost Secure',
      'cookie-weakened _ym_uid@.pro-medika.ru: SameSite lax -> unspecified',
    ]);
    const lostHttpOnly = structuredClone(r1);
    const base = structuredClone(r1);
    cookie(home(base), '_ym_d').httpOnly = true;
    cookie(home(lostHttpOnly), '_ym_d').httpOnly = false;
    expect(regressions(diffReports(base, lostHttpOnly)).map((x) => x.item)).toEqual(['_ym_d@.pro-medika.ru: lost HttpOnly']);
  });

  it('new-third-party and new-finding:<kind> select only their own regressions', () => {
    const regs = regressions(diffReports(fixture(1), fixture(2)));
    expect(matchRegressions(regs, parseFailOn('new-third-party')).flatMap((m) => m.items.map((i) => i.item))).toEqual([
      RELEASE_2.unknownThirdPartyHost,
      'mod.calltouch.ru',
    ]);
    expect(matchRegressions(regs, parseFailOn('new-finding:health-context-leak'))).toEqual([]);
    expect(matchRegressions(regs, parseFailOn('new-finding')).map((m) => [m.check, m.items.length])).toEqual([['new-finding', 2]]);
  });
});

describe('normaliseUrl', () => {
  it('matches the same page whatever its fragment, campaign parameters, query order or trailing slash', () => {
    const n = normaliseUrl('https://PRO-MEDIKA.ru:443/doctors/?b=2&utm_source=x&a=1#top');
    expect(n).toBe(normaliseUrl('https://pro-medika.ru/doctors?a=1&b=2'));
    expect(normaliseUrl('https://pro-medika.ru/')).toBe('https://pro-medika.ru/');
    expect(normaliseUrl('not a url')).toBe('not a url');
  });
});

describe('baseline checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('a missing, empty or corrupt baseline is one line naming the fix', () => {
    for (const [path, re] of [
      [join(dir, 'nope.json'), /no such file\. Fix:/],
      [file('empty.json', '  \n'), /is empty\. Fix:/],
      [file('cut.json', '{"schemaVersion":1,"pages":['), /is not valid JSON \(.*\)\. Fix:/],
      [
        file('wrong.json', '{"schemaVersion":1,"generatedAt":"x","extensionVersion":"1","pages":[{"url":1}]}'),
        /is not a report\.json \(pages\.0\.url: .*\)\. Fix:/,
      ],
      [file('array.json', '[]'), /not a JSON object/],
      [dir, /is a folder/],
    ] as const) {
      let msg = '';
      try {
        loadBaseline(path);
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(re);
      expect(msg.split('\n')).toHaveLength(1);
    }
  });

  it('another schemaVersion is refused naming the fix; another extension version is compared with a note', () => {
    const r1 = fixture(1);
    expect(checkBaseline({ ...r1, schemaVersion: 2 }, { schemaVersion: 1 })).toEqual({
      ok: false,
      error: expect.stringMatching(/schemaVersion 2, this command reads 1\. Fix: audit the baseline release again/),
    });
    const path = file('old.json', JSON.stringify({ ...r1, extensionVersion: '0.0.9' }));
    const d = compareWithBaseline(loadBaseline(path), fixture(2));
    expect(d.notes).toEqual([
      expect.stringMatching(/^the baseline comes from extension 0\.0\.9, this run from \S+: compared on the fields both have/),
    ]);
    expect(changes(d)).toEqual(RELEASE_DIFF);
  });

  it('a diff.json or a JSON Schema given as the baseline is named as such, with the fix', () => {
    const diffJson = JSON.stringify(diffReports(fixture(1), fixture(2)));
    for (const [name, text, re] of [
      ['diff.json', diffJson, /: is a diff\.json, not a report\.json\. Fix: give the report\.json written next to it\.$/],
      [
        'report.schema.json',
        '{"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{}}',
        /: is a JSON Schema, not a report\.json/,
      ],
    ] as const)
      expect(() => loadBaseline(file(name, text))).toThrow(re);
  });

  it('runs whose pages did not each start as a new visitor, and shared browsers differently, get a note', () => {
    const fresh = { freshVisitor: true };
    // Every page a new visitor: browsers at once and shards do not matter.
    expect(layoutNote({ ...fresh, concurrency: 4 }, { ...fresh, concurrency: 2, mergedShards: 3 })).toBeNull();
    expect(compareWithBaseline(loadBaseline(file('r1.json', JSON.stringify(fixture(1)))), fixture(2)).notes).toEqual([]);
    // A baseline from before fresh visitors (or --accept-consent / --fill-forms runs) against a fresh run.
    const old = { ...fixture(1), options: { ...fixture(1).options, freshVisitor: undefined } };
    const d = compareWithBaseline(loadBaseline(file('old-r1.json', JSON.stringify(old))), fixture(2));
    expect(d.notes).toEqual([
      expect.stringMatching(
        /^the baseline carried cookies and storage from page to page, the other visited each page afresh: .*Fix: audit both alike \(a baseline audited before fresh visitors: audit that release again with this command\)\.$/,
      ),
    ]);
    expect(changeTable(d)).toMatch(/^note: the baseline carried cookies/m);
    // Both walked through the site as one visitor: the same sequences only with one browser and the same shards.
    expect(layoutNote({ concurrency: 1, mergedShards: 4 }, { concurrency: 1, shard: { index: 2, count: 4, seedPages: 3 } })).toBeNull();
    expect(layoutNote({ concurrency: 1 }, { concurrency: 2 })).toMatch(
      /^pages were audited in several browsers at once \(baseline 1, this run 2\): .*Fix: audit both with the same --shard count and one browser \(--concurrency 1\)\.$/,
    );
    expect(layoutNote({ concurrency: 1 }, { concurrency: 1, mergedShards: 2 })).toMatch(
      /^the runs used different shard counts \(baseline 1, this run 2\)/,
    );
  });

  it('parts an older baseline lacks are not compared (never all new), and say so', () => {
    const r1 = JSON.parse(JSON.stringify(fixture(1)));
    for (const p of r1.pages) {
      delete p.findings;
      delete p.policy;
    }
    const d = compareWithBaseline(loadBaseline(file('nofindings.json', JSON.stringify(r1))), fixture(2));
    expect(d.notCompared).toEqual(['findings', 'policy']);
    expect(d.notes).toEqual(['the baseline has no findings, policy: not compared.']);
    expect(d.pages.every((p) => p.findings.added.length === 0 && !p.policy.changed)).toBe(true);
    expect(d.pages.find((p) => p.url === `${SITE}/appointment/`)!.trackers.added).toEqual(['calltouch']);
  });

  it('pages only one report has are added or removed; a shard compares only its own pages', () => {
    const r1 = fixture(1);
    const r2 = { ...fixture(2), pages: fixture(2).pages.slice(0, 2) };
    const d = diffReports(r1, r2);
    expect(d.pages.map((p) => p.status)).toEqual(['both', 'both', 'removed', 'removed', 'removed']);
    expect(d.pages[2].trackers.removed.length).toBeGreaterThan(0);
    expect(diffReports(r1, r2, { onlyCurrentPages: true }).pages).toHaveLength(2);
    expect(diffReports({ ...r1, pages: [] }, r2).pages.every((p) => p.status === 'added' && p.trackers.added.length > 0)).toBe(true);
  });
});

// --- Property: volatile fields never count ---

const str = fc.string({ maxLength: 8 });
const parts = reportPageParts({ str });
const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const uniqueBy = <T>(xs: T[], key: (x: T) => string) => xs.filter((x, i) => xs.findIndex((y) => key(y) === key(x)) === i);
const page = fc
  .record({
    path: fc.stringMatching(/^[a-z]{0,6}$/),
    trackers: fc.array(parts.tracker, { maxLength: 4 }),
    cookies: fc.array(fc.tuple(parts.cookie, fc.option(fc.integer({ min: -86_400_000, max: 400 * 86_400_000 }))), { maxLength: 5 }),
    storage: fc.array(parts.storage, { maxLength: 3 }),
    thirdParties: fc.array(parts.thirdParty, { maxLength: 3 }),
    findings: fc.array(parts.finding, { maxLength: 4 }),
    policy: fc.option(
      fc.record({
        version: str,
        changed: fc.option(fc.boolean()),
        added: fc.array(str, { maxLength: 2 }),
        removed: fc.array(str, { maxLength: 2 }),
      }),
    ),
    startOffset: fc.nat(3_600_000),
  })
  .map((p) => ({
    url: `https://pro-medika.ru/${p.path}`,
    finalUrl: `https://pro-medika.ru/${p.path}`,
    title: 't',
    startedAt: new Date(T0 + p.startOffset).toISOString(),
    requestCount: 3,
    trackers: uniqueBy(p.trackers, (t) => t.vendor).map((t) => ({ ...t, parts: uniqueBy(t.parts ?? [], (x) => x.feature) })),
    cookies: p.cookies.map(([c, life]) => ({
      ...c,
      expires: life === null ? null : new Date(T0 + p.startOffset + life).toISOString(),
      session: life === null,
    })),
    storage: p.storage,
    thirdParties: p.thirdParties,
    findings: p.findings,
    ...(p.policy ? { policy: p.policy } : {}),
  }));
const report = fc.array(page, { maxLength: 4 }).map((pages) =>
  ReportSchema.parse({
    schemaVersion: 1,
    generatedAt: new Date(T0).toISOString(),
    extensionVersion: '0.1.0',
    pages: uniqueBy(pages, (p) => normaliseUrl(p.url)),
  }),
);

/** A copy as a later run of the same site would give: values, counts, ids in URLs and times differ; list order and URL spelling too. */
function volatileCopy(r: Report, seed: number, shiftMs: number): Report {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const shuffle = <T>(xs: T[]) =>
    xs
      .map((x) => [rnd(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);
  const shift = (iso: string | null | undefined) => (iso ? new Date(Date.parse(iso) + shiftMs).toISOString() : iso);
  return {
    ...r,
    generatedAt: shift(r.generatedAt)!,
    pages: shuffle(r.pages).map((p) => ({
      ...p,
      // Matched by normalised URL: host case, campaign parameters and the fragment never count.
      url: `${p.url.replace('pro-medika.ru', 'PRO-medika.RU')}?utm_source=ci&yclid=${seed}#run-${seed}`,
      startedAt: shift(p.startedAt)!,
      requestCount: Math.floor(rnd() * 500),
      trackers: shuffle(p.trackers).map((t) => ({ ...t, requests: Math.floor(rnd() * 50) })),
      cookies: shuffle(p.cookies).map((c) => ({
        ...c,
        value: rnd().toString(36),
        size: Math.floor(rnd() * 100),
        expires: shift(c.expires) ?? null,
      })),
      storage: shuffle(p.storage),
      thirdParties: shuffle(p.thirdParties).map((t) => ({ ...t, requests: Math.floor(rnd() * 50) })),
      findings: shuffle(p.findings).map((f) => ({
        ...f,
        evidence: { ...f.evidence, url: `https://mc.yandex.ru/watch/1?rn=${rnd()}`, hitId: rnd() },
      })),
    })),
  };
}

describe('property: volatile fields never count', () => {
  it('a report compared with itself, or with a copy whose volatile fields are shuffled, has an empty diff', () => {
    fc.assert(
      fc.property(report, fc.nat(), fc.integer({ min: 0, max: 7 * 86_400_000 }), (r, seed, shiftMs) => {
        for (const d of [diffReports(r, r), diffReports(r, volatileCopy(r, seed, shiftMs))]) {
          expect(d.pages.filter((p) => !isUnchanged(p))).toEqual([]);
          expect(regressions(d)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('and the same check does see a real change: a cookie losing Secure or a tracker added', () => {
    fc.assert(
      fc.property(report, fc.nat(), (r, seed) => {
        // A secure cookie that is the only one of its name@domain on its page.
        const lone = (p: Report['pages'][number], c: Report['pages'][number]['cookies'][number]) =>
          c.secure && p.cookies.filter((d) => d.name === c.name && d.domain === c.domain).length === 1;
        const target = r.pages.find((p) => p.cookies.some((c) => lone(p, c)));
        fc.pre(target !== undefined);
        const copy = volatileCopy(r, seed, 0);
        const page = copy.pages.find((p) => normaliseUrl(p.url) === normaliseUrl(target!.url))!;
        const victim = target!.cookies.find((c) => lone(target!, c))!;
        page.cookies = page.cookies.map((c) => (c.name === victim.name && c.domain === victim.domain ? { ...c, secure: false } : c));
        page.trackers = [...page.trackers, { ...page.trackers[0], vendor: '\u0000new-vendor' } as (typeof page.trackers)[number]].filter(
          (t) => t.vendor,
        );
        const regs = regressions(diffReports(r, copy));
        expect(regs.some((x) => x.check === 'cookie-weakened' && x.item.startsWith(`${victim.name}@${victim.domain}: lost Secure`))).toBe(
          true,
        );
        if (target!.trackers.length) expect(regs.some((x) => x.check === 'new-tracker' && x.item === '\u0000new-vendor')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
