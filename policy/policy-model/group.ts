import { disclosureRank } from './disclosure';
import { policyModel, type Purpose } from './model';
import type { ReportTracker } from '../report/schema';

export interface PurposeGroup {
  /** Stated purpose, or null for trackers that serve none of them. */
  purpose: Purpose | null;
  trackers: ReportTracker[];
}

function worstRank(ts: ReportTracker[]): number {
  return ts.reduce((m, t) => Math.max(m, disclosureRank(t.disclosure)), -1);
}

/**
 * Groups trackers under the stated purposes they serve (a tracker with several purposes appears
 * under each). Contradicted and undisclosed come first: groups by their worst tracker, trackers
 * within a group by status, then name; ties keep the policy's order of purposes.
 */
export function groupByPurpose(trackers: ReportTracker[]): PurposeGroup[] {
  const order = new Map(policyModel.purposes.map((p, i) => [p.id, i]));
  const byId = new Map<string | null, ReportTracker[]>();
  for (const t of trackers) {
    const ids = t.purposes.filter((p) => order.has(p));
    for (const id of ids.length ? ids : [null]) {
      const list = byId.get(id) ?? [];
      list.push(t);
      byId.set(id, list);
    }
  }
  const groups: PurposeGroup[] = [...byId.entries()].map(([id, ts]) => ({
    purpose: id === null ? null : policyModel.purposes[order.get(id)!],
    trackers: ts.sort((a, b) => disclosureRank(b.disclosure) - disclosureRank(a.disclosure) || a.name.localeCompare(b.name)),
  }));
  const pos = (g: PurposeGroup) => (g.purpose ? order.get(g.purpose.id)! : -1);
  return groups.sort((a, b) => worstRank(b.trackers) - worstRank(a.trackers) || pos(a) - pos(b));
}
