import { describe, expect, it } from 'vitest';
import { base64Utf8, md5, sha1, sha256 } from '../../policy/findings/hash';

// Known-answer vectors: RFC 1321 appendix A.5 (MD5), FIPS 180-4 / NIST CSRC examples (SHA-1, SHA-256).
describe('pure-TS hashes (issue #5 pii-leak)', () => {
  it('md5 matches the RFC 1321 test suite', () => {
    expect(md5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5('abcdefghijklmnopqrstuvwxyz')).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('sha1 matches FIPS 180 examples', () => {
    expect(sha1('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(sha1('a'.repeat(1000000))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('sha256 matches FIPS 180 examples', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes UTF-8 (Cyrillic) and block-boundary lengths like node:crypto', async () => {
    const { createHash } = await import('node:crypto');
    for (const s of [
      'почта@пример.рф',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(63),
      'a'.repeat(64),
      'a'.repeat(119),
      '+7 (913) 123-45-67',
    ]) {
      expect(md5(s)).toBe(createHash('md5').update(s).digest('hex'));
      expect(sha1(s)).toBe(createHash('sha1').update(s).digest('hex'));
      expect(sha256(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });

  it('base64 encodes UTF-8 with padding', () => {
    expect(base64Utf8('')).toBe('');
    expect(base64Utf8('f')).toBe('Zg==');
    expect(base64Utf8('fo')).toBe('Zm8=');
    expect(base64Utf8('foo')).toBe('Zm9v');
    expect(base64Utf8('тест@почта.рф')).toBe(Buffer.from('тест@почта.рф').toString('base64'));
  });
});
