import { describe, it } from 'vitest';
import fc from 'fast-check';
import { fnv1a64 } from '../../policy/fnv1a';

/** The textbook definition with BigInt: what fnv1a64 computes with 16-bit limbs. */
function reference(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(s)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('equals the BigInt definition on any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => fnv1a64(s) === reference(s)),
      { numRuns: 500 },
    );
  });
});
