import { isUnchanged, type AuditDiff, type PageDiff } from '../policy/diff';
import { cookieWeakenings } from '../policy/diff/regressions';
import { table } from './summary';

/** Widest cell `table` prints whole (longer ones end in "…"). */
const CELL = 60;

/**
 * The per-page change table `--baseline` prints (issue #17): one row per changed page, items as
 * ~changed +added -removed. A cell too long for the table starts with its counts, and changed
 * items come first, so a weakened cookie is never the part cut off; diff.json has every item.
 */
export function changeTable(diff: AuditDiff): string {
  const rows: string[][] = [['page', 'status', 'trackers', 'cookies', 'storage', '3rd-party hosts', 'findings', 'disclosure', 'policy']];
  const changed = diff.pages.filter((p) => !isUnchanged(p));
  for (const p of changed) rows.push(row(p));
  const lines = [...diff.notes.map((n) => `note: ${n}`)];
  if (changed.length) lines.push(table(rows));
  const cut = rows.slice(1).some((r) => r.some((c) => c.length > CELL));
  lines.push(
    `${changed.length} of ${diff.pages.length} page(s) changed since the baseline of ${diff.baseline.generatedAt}.${cut ? ' Cells ending in "…" are cut short: diff.json lists every item.' : ''}`,
  );
  return lines.join('\n');
}

function cell(x: { added: string[]; removed: string[] }, changed: string[] = []): string {
  const items = [...changed.map((c) => `~${c}`), ...x.added.map((a) => `+${a}`), ...x.removed.map((r) => `-${r}`)].join(' ');
  if (items.length <= CELL) return items;
  const counts = [
    x.added.length ? `+${x.added.length}` : '',
    x.removed.length ? `-${x.removed.length}` : '',
    changed.length ? `~${changed.length}` : '',
  ].filter(Boolean);
  return `${counts.join(' ')}: ${items}`;
}

function row(p: PageDiff): string[] {
  if (p.error) return [p.url, p.status, `not compared: ${p.error}`, '', '', '', '', '', ''];
  const none = { added: [], removed: [] };
  return [
    p.url,
    p.status,
    cell(p.trackers),
    cell(
      p.cookies,
      p.cookies.changed.map((c) => `${c.cookie}(${(cookieWeakenings(c).length ? cookieWeakenings(c) : c.fields).join(', ')})`),
    ),
    cell(p.storage),
    cell(p.thirdParties),
    cell(p.findings),
    cell(
      none,
      p.disclosure.map((d) => `${d.vendor}${d.feature ? `/${d.feature}` : ''}:${d.from}->${d.to}`),
    ),
    p.policy.changed ? `changed (+${p.policy.sentencesAdded.length} -${p.policy.sentencesRemoved.length} sentences)` : '',
  ];
}
