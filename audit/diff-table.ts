import { isUnchanged, type AuditDiff, type PageDiff } from '../policy/diff';
import { cookieWeakenings } from '../policy/diff/regressions';
import { table } from './summary';

/** The per-page change table `--baseline` prints (issue #17): one row per changed page, items as +added -removed. */
export function changeTable(diff: AuditDiff): string {
  const pm = (x: { added: string[]; removed: string[] }) => [...x.added.map((a) => `+${a}`), ...x.removed.map((r) => `-${r}`)].join(' ');
  const rows: string[][] = [['page', 'status', 'trackers', 'cookies', 'storage', '3rd-party hosts', 'findings', 'disclosure', 'policy']];
  const changed = diff.pages.filter((p) => !isUnchanged(p));
  for (const p of changed) rows.push(row(p, pm));
  const lines = [...diff.notes.map((n) => `note: ${n}`)];
  if (changed.length) lines.push(table(rows));
  lines.push(`${changed.length} of ${diff.pages.length} page(s) changed since the baseline of ${diff.baseline.generatedAt}.`);
  return lines.join('\n');
}

function row(p: PageDiff, pm: (x: { added: string[]; removed: string[] }) => string): string[] {
  if (p.error) return [p.url, p.status, `not compared: ${p.error}`, '', '', '', '', '', ''];
  const cookies = [
    pm(p.cookies),
    ...p.cookies.changed.map((c) => `~${c.cookie}(${(cookieWeakenings(c).length ? cookieWeakenings(c) : c.fields).join(', ')})`),
  ];
  return [
    p.url,
    p.status,
    pm(p.trackers),
    cookies.filter(Boolean).join(' '),
    pm(p.storage),
    pm(p.thirdParties),
    pm(p.findings),
    p.disclosure.map((d) => `${d.vendor}${d.feature ? `/${d.feature}` : ''}:${d.from}->${d.to}`).join(' '),
    p.policy.changed ? `changed (+${p.policy.sentencesAdded.length} -${p.policy.sentencesRemoved.length} sentences)` : '',
  ];
}
