import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeIdentifier, shannonBits } from '../../policy/entropy';

describe('shannonBits', () => {
  it('is 0 for empty and single-symbol strings, grows with variety', () => {
    expect(shannonBits('')).toBe(0);
    expect(shannonBits('aaaa')).toBe(0);
    expect(shannonBits('ab')).toBeCloseTo(2);
    expect(shannonBits('abcd')).toBeCloseTo(8);
    expect(shannonBits('0123456789abcdef')).toBeCloseTo(64);
  });
});

describe('looksLikeIdentifier', () => {
  it('flags identifier-like values', () => {
    for (const v of [
      '1695035051576708091', // _ym_uid
      'GA1.2.413323595.1742572515', // _ga
      'cecc2fc3c515b597f78777b6b8f2f994', // tmr_lvid
      'b7bf8ff5-0827-5c41-830e-bad9491c1c5e', // UUID
      'fb.1.1695040110.1105950712', // _fbp
      'AlWwQxQiyJ_pEXdeN3ElU6w',
    ])
      expect(looksLikeIdentifier(v), v).toBe(true);
  });

  it('ignores common non-identifying values', () => {
    for (const v of [
      '',
      '1',
      'true',
      'false',
      'ru',
      'ru-RU',
      'en_US,ru',
      'yes',
      'accepted',
      'ACCEPTED',
      'necessary',
      '2024-05-01',
      '2024-05-01T10:00:00Z',
      '01.05.2024',
      'Wed, 01 May 2024 10:00:00 GMT',
      'w',
      'b',
      'aaaaaaaaaaaa',
      '11111111',
      'consent_given',
      'dark-mode',
      'necessary:true,analytics:false',
      '%22yes%22',
    ])
      expect(looksLikeIdentifier(v), v).toBe(false);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => typeof looksLikeIdentifier(s) === 'boolean' && shannonBits(s) >= 0),
      { numRuns: 1000 },
    );
  });
});
