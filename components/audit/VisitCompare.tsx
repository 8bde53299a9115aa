import { useI18n } from '../i18n';
import { diffPage, isUnchanged, type PageDiff } from '../../policy/diff';
import type { HistoryRecord } from '../../policy/export/history-record';
import { formatTime } from './common';

/** Two visits of one URL compared by policy/diff: computed once per pair, shown by the detail view's lists and by VisitCompare. */
export function visitDiff(previous: HistoryRecord, current: HistoryRecord): PageDiff {
  return diffPage(current.url, { page: previous.report, at: previous.time }, { page: current.report, at: current.time });
}

/**
 * Two visits of the same URL side by side (issue #17): what only the previous visit had on
 * the left, what only this visit has on the right, compared by the same module as the audit
 * command's --baseline (policy/diff), so volatile values (cookie values, request counts,
 * times, ids in URLs) never show as changes. Page strings are rendered as text.
 */
export function VisitCompare(props: { previous: HistoryRecord; current: HistoryRecord; diff: PageDiff }) {
  const tr = useI18n();
  const { previous, current, diff: d } = props;
  if (isUnchanged(d)) return <p data-testid="compare-nothing">{tr.t('audit_compareNothing')}</p>;
  const rows: [string, string[], string[]][] = [
    ['audit_compareTrackers', d.trackers.removed, d.trackers.added],
    ['audit_compareCookies', d.cookies.removed, d.cookies.added],
    [
      'audit_compareCookieAttrs',
      d.cookies.changed.map(
        (c) =>
          `${c.cookie}: ${c.fields.map((f) => `${f}=${String(f === 'expires' ? (c.from.lifetimeDays ?? 'session') : c.from[f])}`).join(', ')}`,
      ),
      d.cookies.changed.map(
        (c) =>
          `${c.cookie}: ${c.fields.map((f) => `${f}=${String(f === 'expires' ? (c.to.lifetimeDays ?? 'session') : c.to[f])}`).join(', ')}`,
      ),
    ],
    ['audit_compareStorage', d.storage.removed, d.storage.added],
    ['audit_compareThirdParties', d.thirdParties.removed, d.thirdParties.added],
    ['audit_compareFindings', d.findings.removed, d.findings.added],
    [
      'audit_compareDisclosure',
      d.disclosure.map((x) => `${x.vendor}${x.feature ? ` / ${x.feature}` : ''}: ${x.from}`),
      d.disclosure.map((x) => `${x.vendor}${x.feature ? ` / ${x.feature}` : ''}: ${x.to}`),
    ],
    ['audit_comparePolicy', d.policy.sentencesRemoved, d.policy.sentencesAdded],
  ];
  return (
    <table class="compare" data-testid="compare">
      <caption>{tr.t('audit_compareCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{tr.t('audit_comparePart')}</th>
          <th scope="col">{tr.t('audit_comparePrevious', [formatTime(previous.time, tr.lang)])}</th>
          <th scope="col">{tr.t('audit_compareCurrent', [formatTime(current.time, tr.lang)])}</th>
        </tr>
      </thead>
      <tbody>
        {rows
          .filter(([, a, b]) => a.length + b.length > 0)
          .map(([key, before, after]) => (
            <tr key={key} data-testid={`compare-${key.replace('audit_compare', '').toLowerCase()}`}>
              <th scope="row">{tr.t(key)}</th>
              <td>
                <ul class="inline-list">
                  {before.map((x, i) => (
                    <li key={i}>− {x}</li>
                  ))}
                </ul>
              </td>
              <td>
                <ul class="inline-list">
                  {after.map((x, i) => (
                    <li key={i}>+ {x}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
