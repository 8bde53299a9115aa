/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of the string, as 16 hex digits. A stable, dependency-free
 * fingerprint (not a security hash): the project's one non-cryptographic hash
 * (which policy text a report was made against; which bucket of a page record holds a host).
 * The 64-bit state is kept in four 16-bit limbs of plain numbers: BigInt arithmetic per byte made
 * the policy text's version alone most of the service worker's start-up evaluation (issue #15).
 */
export function fnv1a64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  // Offset basis 0xcbf29ce484222325, lowest limb first.
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let i = 0; i < bytes.length; i++) {
    v0 ^= bytes[i];
    // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40); products stay far below 2^53.
    const t0 = v0 * 0x1b3;
    const t1 = v1 * 0x1b3 + (t0 >>> 16);
    const t2 = v2 * 0x1b3 + v0 * 0x100 + (t1 >>> 16);
    const t3 = v3 * 0x1b3 + v1 * 0x100 + (t2 >>> 16);
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
    v3 = t3 & 0xffff;
  }
  const hex = (v: number) => v.toString(16).padStart(4, '0');
  return hex(v3) + hex(v2) + hex(v1) + hex(v0);
}
