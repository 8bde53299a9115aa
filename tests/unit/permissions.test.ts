import { describe, expect, it } from 'vitest';
import { getDomain } from 'tldts';
import { permissionDomains, requiredHostPermissions } from '../../policy/site/permissions';
import { curatedVendors } from '../../policy/catalogue/vendors';

describe('host permissions cover the curated catalogue (issue #2, least privilege)', () => {
  it('every curated vendor host is covered by its registrable domain', () => {
    const allowed = new Set<string>(permissionDomains);
    const missing: string[] = [];
    for (const v of curatedVendors) {
      for (const h of v.hosts) {
        const d = getDomain(h.host) ?? h.host;
        if (!allowed.has(d)) missing.push(`${v.id}: ${h.host} (${d})`);
      }
      for (const c of v.cookies)
        if (c.domain && !allowed.has(getDomain(c.domain) ?? c.domain)) missing.push(`${v.id}: cookie domain ${c.domain}`);
    }
    expect(missing).toEqual([]);
  });

  it('permission patterns are well-formed and unique', () => {
    for (const p of requiredHostPermissions) expect(p).toMatch(/^\*:\/\/\*\.[a-z0-9.-]+\/\*$/);
    expect(new Set(requiredHostPermissions).size).toBe(requiredHostPermissions.length);
  });
});
