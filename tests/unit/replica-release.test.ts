import { describe, expect, it } from 'vitest';
import { routeSite, POLICY_PATH } from '../replica/site';
import { RELEASE_2, POLICY_SENTENCE_ALTERED, POLICY_SENTENCE_VERBATIM } from '../replica/ids';

/** The replica's two releases (issue #17): release 1 is the default site, release 2 changes exactly RELEASE_2. */
const get = (path: string, release?: 1 | 2, variant: 'verbatim' | 'altered' = release === 2 ? 'altered' : 'verbatim') => {
  const ctx = {
    method: 'GET',
    host: 'pro-medika.ru',
    path,
    query: new URLSearchParams(),
    body: '',
    cookies: new Map<string, string>(),
    port: 1,
    secure: true,
  };
  const r = release === undefined ? routeSite(ctx, variant) : routeSite(ctx, variant, release);
  return { body: String(r!.body), cookies: ([] as string[]).concat((r!.headers['Set-Cookie'] as string | string[] | undefined) ?? []) };
};
const without = (s: string) => s.replace(/[0-9a-f]{16,}|\d{7}|20\d\d-\d\d-\d\dT[\d%A-F.:]+Z?/g, '#');

describe('replica releases', () => {
  it('release 1 is the site as served without a release', () => {
    for (const path of ['/', '/doctors/', '/appointment/', POLICY_PATH, '/services/kardiologiya/'])
      expect(without(get(path, 1).body)).toBe(without(get(path).body));
  });

  it('release 2 moves Calltouch, weakens PHPSESSID, adds an unknown pixel and alters one policy sentence', () => {
    expect(get('/', 1).body).toContain('mod.calltouch.ru');
    expect(get('/', 2).body).not.toContain('mod.calltouch.ru');
    expect(get('/appointment/', 1).body).not.toContain('mod.calltouch.ru');
    expect(get('/appointment/', 2).body).toContain('mod.calltouch.ru');
    const session = (r: 1 | 2) => get('/', r).cookies.find((c) => c.startsWith(`${RELEASE_2.weakenedCookie}=`))!;
    expect(session(1)).toMatch(/; Secure/i);
    expect(session(1)).toMatch(/HttpOnly/i);
    expect(session(2)).not.toMatch(/Secure|HttpOnly/i);
    expect(get('/doctors/', 2).body).toContain(RELEASE_2.unknownThirdPartyHost);
    expect(get('/doctors/', 1).body).not.toContain(RELEASE_2.unknownThirdPartyHost);
    const sentence = (s: string) => s.slice(40, 90);
    expect(get(POLICY_PATH, 2).body).toContain(sentence(POLICY_SENTENCE_ALTERED));
    expect(get(POLICY_PATH, 1).body).toContain(sentence(POLICY_SENTENCE_VERBATIM));
    expect(without(get('/services/kardiologiya/', 2).body)).toBe(without(get('/services/kardiologiya/', 1).body));
  });
});
