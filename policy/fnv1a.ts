/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of the string, as 16 hex digits. A stable, dependency-free
 * fingerprint (not a security hash): the project's one non-cryptographic hash
 * (which policy text a report was made against; which bucket of a page record holds a host).
 */
export function fnv1a64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
