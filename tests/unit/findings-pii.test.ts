import { describe, expect, it } from 'vitest';
import { md5, sha1, sha256 } from '../../policy/findings/hash';
import { buildPiiNeedles, phoneForms, scanRequestForPii, valueType } from '../../policy/findings/pii';
import { piiLeak } from '../../policy/findings/rules';
import { makeInput, req } from './findings-helpers';

const PHONE = '+7 (913) 123-45-67';
const EMAIL = '  Ivan.Petrov@Example.RU ';
const typed = [
  { field: 'phone', value: PHONE },
  { field: 'email', value: EMAIL },
];

function leaks(url: string, body?: string) {
  return piiLeak(
    makeInput({ requests: [req(url, 1, body ? { body, method: 'POST', kind: 'xhr' } : {})], signals: { typedValues: typed } }),
  );
}

describe('pii-leak normalisation', () => {
  it('classifies values and builds phone forms with and without 7 / 8 / +7', () => {
    expect(valueType(PHONE)).toBe('phone');
    expect(valueType(EMAIL)).toBe('email');
    expect(valueType('Иван')).toBe('other');
    expect(phoneForms(PHONE)).toEqual(expect.arrayContaining(['79131234567', '89131234567', '9131234567', '+79131234567']));
    expect(phoneForms('8 913 123 45 67')).toEqual(expect.arrayContaining(['79131234567', '+79131234567']));
  });

  it('builds each needle once', () => {
    const n = buildPiiNeedles(typed);
    expect(new Set(n.map((x) => x.text)).size).toBe(n.length);
    expect(n.some((x) => x.encoding === 'sha256' && x.text === sha256('79131234567'))).toBe(true);
    expect(n.some((x) => x.encoding === 'md5' && x.text === md5('ivan.petrov@example.ru'))).toBe(true);
  });
});

describe('pii-leak rule', () => {
  it('finds a sha256 of the phone digits in a query parameter', () => {
    const f = leaks(`https://top-fwz1.mail.ru/counter?id=1&ph=${sha256('79131234567')}`);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'pii-leak', severity: 'high', vendor: 'vkads', clause: 'transfer.third-parties' });
    expect(f[0].evidence).toMatchObject({ field: 'phone', encoding: 'sha256', host: 'top-fwz1.mail.ru', param: 'ph' });
  });

  it('does not flag a random hex string of the same length', () => {
    const random = 'a3f5c2e8b1d4967f0e2c8a5b3d1f7e9c4b6a8d0e2f4c6b8a0d2e4f6a8c0b2d4e';
    expect(random).toHaveLength(64);
    expect(leaks(`https://top-fwz1.mail.ru/counter?id=1&ph=${random}`)).toEqual([]);
  });

  it('finds the e-mail plain, URL-encoded, base64, md5 and sha1 (normalised lowercase)', () => {
    const norm = 'ivan.petrov@example.ru';
    expect(leaks(`https://mc.yandex.ru/watch/1?em=${norm}`)[0].evidence).toMatchObject({ encoding: 'plain', param: 'em' });
    expect(leaks(`https://mc.yandex.ru/watch/1?em=${encodeURIComponent(norm)}`)[0].evidence).toMatchObject({
      encoding: 'urlencoded',
      param: 'em',
    });
    expect(leaks(`https://mc.yandex.ru/watch/1?x=${Buffer.from(norm).toString('base64')}`)[0].evidence).toMatchObject({
      encoding: 'base64',
      param: 'x',
    });
    expect(leaks(`https://mc.yandex.ru/watch/1?h=${md5(norm)}`)[0].evidence).toMatchObject({ encoding: 'md5', param: 'h' });
    expect(leaks(`https://mc.yandex.ru/watch/1?h=${sha1(norm).toUpperCase()}`)[0].evidence).toMatchObject({ encoding: 'sha1' });
  });

  it('finds the phone in a POST body (JSON and form-encoded), with and without leading 8', () => {
    const f1 = leaks('https://google-analytics.com/g/collect', JSON.stringify({ user: { phone: '89131234567' } }));
    expect(f1[0].evidence).toMatchObject({ field: 'phone', encoding: 'plain', where: 'body', param: 'phone' });
    const f2 = leaks('https://google-analytics.com/g/collect', `a=1&tel=${encodeURIComponent('+79131234567')}`);
    expect(f2[0].evidence).toMatchObject({ field: 'phone', where: 'body', param: 'tel' });
  });

  it('ignores first-party requests and pages where nothing was typed', () => {
    expect(
      piiLeak(makeInput({ requests: [req('https://pro-medika.ru/api/form?phone=79131234567')], signals: { typedValues: typed } })),
    ).toEqual([]);
    expect(piiLeak(makeInput({ requests: [req('https://mc.yandex.ru/watch/1?phone=79131234567')] }))).toEqual([]);
  });

  it('scans one request for several fields and reports each once', () => {
    const url = `https://mc.yandex.ru/watch/1?p=79131234567&q=9131234567&e=${md5('ivan.petrov@example.ru')}`;
    const hits = scanRequestForPii(url, undefined, buildPiiNeedles(typed));
    expect(hits.map((h) => `${h.field}:${h.encoding}`).sort()).toEqual(['email:md5', 'phone:plain']);
  });
});
