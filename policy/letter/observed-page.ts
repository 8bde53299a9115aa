import { DISCLOSURE_VALUES } from '../report/disclosure';
import type { ObservedPage } from './compose';

/**
 * A stored history row (store "rows", policy/history/schema.ts PageSummarySchema) checked for
 * what the letter reads of it: its URLs, time, trackers and per-vendor finding kinds. A hand
 * check, not the zod schema: request.html does not load zod (budget 40 KB gzip, issue #14).
 */
export type ObservedRow = { report: ObservedPage; time: number };

const isString = (v: unknown): v is string => typeof v === 'string';
const optString = (v: unknown) => v === undefined || isString(v);

function trackerProblem(t: unknown): string | null {
  if (typeof t !== 'object' || t === null) return 'not an object';
  const o = t as Record<string, unknown>;
  for (const k of ['vendor', 'name', 'category'] as const) if (!isString(o[k])) return `${k}: expected a string`;
  if (!optString(o.organization)) return 'organization: expected a string';
  if (o.country !== undefined && o.country !== null && !isString(o.country)) return 'country: expected a string or null';
  if (o.disclosure !== undefined && !(DISCLOSURE_VALUES as readonly unknown[]).includes(o.disclosure))
    return `disclosure: expected ${DISCLOSURE_VALUES.join(' | ')}`;
  return null;
}

/** The row as the letter reads it, or what is wrong with it ("trackers[2]: vendor: expected a string"). */
export function checkObservedRow(raw: unknown): { ok: true; value: ObservedRow } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'expected an object' };
  const o = raw as Record<string, unknown>;
  const id = isString(o.id) ? `${o.id}: ` : '';
  const fail = (error: string) => ({ ok: false as const, error: id + error });
  if (!isString(o.url)) return fail('url: expected a string');
  if (!optString(o.finalUrl)) return fail('finalUrl: expected a string');
  if (typeof o.time !== 'number' || !Number.isFinite(o.time)) return fail('time: expected a number');
  if (!Array.isArray(o.trackers)) return fail('trackers: expected a list');
  for (const [i, t] of o.trackers.entries()) {
    const p = trackerProblem(t);
    if (p) return fail(`trackers[${i}]: ${p}`);
  }
  const vf = o.vendorFindings ?? [];
  if (!Array.isArray(vf) || !vf.every((f) => typeof f === 'object' && f !== null && isString(f.vendor) && isString(f.kind)))
    return fail('vendorFindings: expected a list of {vendor, kind}');
  const trackers = (o.trackers as Record<string, unknown>[]).map((t) => ({
    vendor: t.vendor as string,
    name: t.name as string,
    category: t.category as string,
    ...(t.organization !== undefined ? { organization: t.organization as string } : {}),
    ...(t.country !== undefined ? { country: t.country as string | null } : {}),
    ...(t.disclosure !== undefined ? { disclosure: t.disclosure as ObservedPage['trackers'][number]['disclosure'] } : {}),
  }));
  const vendorFindings = (vf as { vendor: string; kind: string }[]).map((f) => ({ vendor: f.vendor, kind: f.kind }));
  return {
    ok: true,
    value: {
      time: o.time,
      report: { url: o.url, ...(o.finalUrl !== undefined ? { finalUrl: o.finalUrl } : {}), trackers, vendorFindings },
    },
  };
}
