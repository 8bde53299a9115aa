import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hostOf, isFirstParty, isIp, registrableDomain } from '../../policy/party';

describe('party helpers (tldts)', () => {
  it('registrableDomain of hosts and URLs', () => {
    expect(registrableDomain('mc.yandex.ru')).toBe('yandex.ru');
    expect(registrableDomain('https://www.pro-medika.ru/uslugi/?a=1')).toBe('pro-medika.ru');
    expect(registrableDomain('.pro-medika.ru')).toBe('pro-medika.ru');
    expect(registrableDomain('foo.bar.co.uk')).toBe('bar.co.uk');
    expect(registrableDomain('MC.YANDEX.RU')).toBe('yandex.ru');
    expect(registrableDomain('mc.yandex.ru:443')).toBe('yandex.ru');
  });

  it('falls back to the hostname for IPs and hosts without a public suffix', () => {
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(registrableDomain('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(registrableDomain('http://[::1]:3000/')).toBe('::1');
    expect(registrableDomain('localhost')).toBe('localhost');
    expect(registrableDomain('')).toBe('');
  });

  it('IDN hosts come out in punycode', () => {
    expect(registrableDomain('https://www.пример.рф/')).toBe('xn--e1afmkfd.xn--p1ai');
    expect(registrableDomain('пример.рф')).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('hostOf', () => {
    expect(hostOf('https://Mc.Yandex.ru/watch')).toBe('mc.yandex.ru');
    expect(hostOf('https://')).toBeNull();
    expect(hostOf('not a url')).toBeNull();
    expect(hostOf('data:text/plain,x')).toBeNull();
    expect(hostOf('http://[::1]/')).toBe('::1');
  });

  it('isFirstParty', () => {
    expect(isFirstParty('https://www.pro-medika.ru/', ['pro-medika.ru'])).toBe(true);
    expect(isFirstParty('.pro-medika.ru', ['pro-medika.ru'])).toBe(true);
    expect(isFirstParty('mc.yandex.ru', ['pro-medika.ru'])).toBe(false);
    expect(isFirstParty('pro-medika.ru.evil.com', ['pro-medika.ru'])).toBe(false);
    expect(isFirstParty('', ['pro-medika.ru'])).toBe(false);
  });

  it('isIp', () => {
    expect(isIp('10.0.0.1')).toBe(true);
    expect(isIp('::1')).toBe(true);
    expect(isIp('[::1]')).toBe(true);
    expect(isIp('yandex.ru')).toBe(false);
    expect(isIp('')).toBe(false);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        registrableDomain(s);
        hostOf(s);
        isFirstParty(s, [s, 'pro-medika.ru']);
        isIp(s);
        return typeof registrableDomain(s) === 'string';
      }),
      { numRuns: 500 },
    );
  });
});
