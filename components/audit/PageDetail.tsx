import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { DisclosureBadge } from '../policy/DisclosureBadge';
import { kindLabel } from '../../policy/export/labels';
import { cookieKey, findingKey, isUnchanged, type PageDiff } from '../../policy/diff';
import type { HistoryRecord } from '../../policy/export/history-record';
import type { Finding } from '../../policy/report/schema';
import { findingDetail } from '../../policy/findings/cross-border-text';
import { SeverityLabel, formatTime, useBounded } from './common';
import { VisitCompare, visitDiff } from './VisitCompare';

const EVIDENCE_MAX = 600;

function evidenceText(v: unknown): string {
  const s =
    typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')
        : JSON.stringify(v);
  return s.length > EVIDENCE_MAX ? `${s.slice(0, EVIDENCE_MAX)}…` : s;
}

/** Findings with their evidence; page strings are rendered as text (Preact escapes them). */
export function FindingsTable(props: { findings: Finding[]; pageSize?: number; testId?: string }) {
  const tr = useI18n();
  const { visible, more } = useBounded(props.findings, props.pageSize ?? 50);
  if (props.findings.length === 0) return <p class="muted">{tr.t('audit_none')}</p>;
  return (
    <>
      <table class="findings" data-testid={props.testId ?? 'findings'}>
        <thead>
          <tr>
            <th scope="col" class="c-sev">
              {tr.t('audit_findingSeverity')}
            </th>
            <th scope="col">{tr.t('audit_findingKind')}</th>
            <th scope="col">{tr.t('audit_findingVendor')}</th>
            <th scope="col">{tr.t('audit_findingClause')}</th>
            <th scope="col" class="c-evidence">
              {tr.t('audit_findingEvidence')}
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map((f, i) => (
            <tr key={i} data-kind={f.kind}>
              <td>
                <SeverityLabel severity={f.severity} />
              </td>
              <td>
                {tr.pick(kindLabel(f.kind))} <code class="muted">{f.kind}</code>
              </td>
              <td>{f.vendor ?? ''}</td>
              <td>{f.clause ?? ''}</td>
              <td>
                {f.title && <p class="finding-title">{tr.pick(f.title)}</p>}
                {findingDetail(f) && <p class="finding-detail">{tr.pick(findingDetail(f))}</p>}
                <dl class="evidence">
                  {Object.keys(f.evidence).map((k) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>
                        <code>{evidenceText(f.evidence[k])}</code>
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}

function SimpleTable<T>(props: { rows: T[]; headers: string[]; cells: (row: T) => ComponentChildren[]; testId: string }) {
  const tr = useI18n();
  const { visible, more } = useBounded(props.rows, 50);
  if (props.rows.length === 0) return <p class="muted">{tr.t('audit_none')}</p>;
  return (
    <>
      <table data-testid={props.testId}>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((r, i) => (
            <tr key={i}>
              {props.cells(r).map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}

/**
 * What is new since the previous visit of this URL, with evidence: the same comparison as the
 * audit command's --baseline and the side-by-side view (policy/diff), so the two views of one
 * pair of visits cannot disagree. Findings are listed whole for each kind and vendor that is new
 * (or gone); the side-by-side view has the other parts (cookie attributes, storage, disclosure).
 */
function DiffView(props: { previous: HistoryRecord; current: HistoryRecord; diff: PageDiff }) {
  const tr = useI18n();
  const { previous, current, diff: d } = props;
  const has = (keys: string[]) => {
    const set = new Set(keys);
    return (k: string) => set.has(k);
  };
  const newTracker = has(d.trackers.added);
  const newCookie = has(d.cookies.added);
  const newFinding = has(d.findings.added);
  const goneFinding = has(d.findings.removed);
  const newFindings = current.report.findings.filter((f) => newFinding(findingKey(f)));
  const resolvedFindings = previous.report.findings.filter((f) => goneFinding(findingKey(f)));
  const list = (key: string, items: string[], testId: string) =>
    items.length > 0 && (
      <div data-testid={testId}>
        <h4>
          {tr.t(key)} ({items.length})
        </h4>
        <ul class="inline-list">
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <>
      <p>{tr.t('audit_diffPrevious', [formatTime(previous.time, tr.lang)])}</p>
      {isUnchanged(d) && <p data-testid="diff-nothing">{tr.t('audit_diffNothing')}</p>}
      {list(
        'audit_diffNewTrackers',
        current.report.trackers.filter((t) => newTracker(t.vendor)).map((t) => `${t.name} (${t.vendor})`),
        'diff-new-trackers',
      )}
      {list('audit_diffGoneTrackers', d.trackers.removed, 'diff-gone-trackers')}
      {list(
        'audit_diffNewCookies',
        current.report.cookies.filter((c) => newCookie(cookieKey(c))).map((c) => `${c.name} @ ${c.domain}`),
        'diff-new-cookies',
      )}
      {list('audit_diffGoneCookies', d.cookies.removed, 'diff-gone-cookies')}
      {newFindings.length > 0 && (
        <div>
          <h4>
            {tr.t('audit_diffNewFindings')} ({newFindings.length})
          </h4>
          <FindingsTable findings={newFindings} pageSize={20} testId="diff-new-findings" />
        </div>
      )}
      {resolvedFindings.length > 0 && (
        <div>
          <h4>
            {tr.t('audit_diffResolved')} ({resolvedFindings.length})
          </h4>
          <FindingsTable findings={resolvedFindings} pageSize={20} testId="diff-resolved-findings" />
        </div>
      )}
    </>
  );
}

type PrevState = { status: 'loading' } | { status: 'ready'; previous: HistoryRecord | null };

/** One stored page load: findings with evidence, what is new since the previous visit, the inventory. */
export function PageDetail(props: {
  record: HistoryRecord;
  previousVisit(rec: HistoryRecord): Promise<HistoryRecord | null>;
  onBack(): void;
  onDelete(rec: HistoryRecord): void;
}) {
  const tr = useI18n();
  const rec = props.record;
  const p = rec.report;
  const heading = useRef<HTMLHeadingElement>(null);
  const [prev, setPrev] = useState<PrevState>({ status: 'loading' });
  const [comparing, setComparing] = useState(false);
  const previous = prev.status === 'ready' ? prev.previous : null;
  const diff = useMemo(() => (previous ? visitDiff(previous, rec) : null), [previous, rec]);

  useEffect(() => {
    heading.current?.focus();
  }, [rec.id]);

  useEffect(() => {
    let live = true;
    setPrev({ status: 'loading' });
    setComparing(false);
    props.previousVisit(rec).then(
      (previous) => live && setPrev({ status: 'ready', previous }),
      () => live && setPrev({ status: 'ready', previous: null }),
    );
    return () => {
      live = false;
    };
  }, [rec.id]);

  const yes = (b: boolean) => tr.t(b ? 'audit_yes' : 'audit_no');
  const policy = p.policy;
  const policyState =
    !policy || policy.changed === null
      ? tr.t('audit_policyUnknown')
      : policy.changed
        ? tr.t('audit_policyChanged', [tr.lang === 'en' ? (policy.summaryEn ?? policy.summary ?? '') : (policy.summary ?? '')])
        : tr.t('audit_policyUnchanged');

  return (
    <article class="detail" aria-labelledby="detail-h" data-testid="detail">
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          {tr.t('audit_back')}
        </button>
        <button type="button" class="danger" onClick={() => props.onDelete(rec)}>
          {tr.t('audit_deleteAria', [p.title || rec.url])}
        </button>
      </div>
      <h2 id="detail-h" tabIndex={-1} ref={heading}>
        {tr.t('audit_detailHeading', [p.title || rec.url])}
      </h2>
      <dl class="meta">
        <dt>{tr.t('audit_url')}</dt>
        <dd class="url">{rec.url}</dd>
        {p.finalUrl && p.finalUrl !== rec.url && (
          <>
            <dt>{tr.t('audit_finalUrl')}</dt>
            <dd class="url">{p.finalUrl}</dd>
          </>
        )}
        <dt>{tr.t('audit_time')}</dt>
        <dd>{formatTime(rec.time, tr.lang)}</dd>
        <dt>{tr.t('audit_requests')}</dt>
        <dd>{p.requestCount}</dd>
        <dt>{tr.t('audit_policyVersion')}</dt>
        <dd data-testid="policy-version">
          {policy?.version || rec.policyVersion || '—'} ({policyState})
        </dd>
        {p.error && (
          <>
            <dt>{tr.t('audit_pageError')}</dt>
            <dd>{p.error}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="detail-findings-h">
        <h3 id="detail-findings-h">{tr.t('audit_findingsHeading', [p.findings.length])}</h3>
        <FindingsTable findings={p.findings} />
      </section>

      <section aria-labelledby="detail-diff-h" data-testid="diff">
        <h3 id="detail-diff-h">{tr.t('audit_diffHeading')}</h3>
        {prev.status === 'loading' ? (
          <p>{tr.t('audit_diffLoading')}</p>
        ) : previous && diff ? (
          <>
            <DiffView previous={previous} current={rec} diff={diff} />
            <button type="button" aria-expanded={comparing} data-testid="compare-toggle" onClick={() => setComparing(!comparing)}>
              {tr.t(comparing ? 'audit_compareHide' : 'audit_compareButton')}
            </button>
            {comparing && <VisitCompare previous={previous} current={rec} diff={diff} />}
          </>
        ) : (
          <p data-testid="diff-first">{tr.t('audit_diffFirst')}</p>
        )}
      </section>

      <section aria-labelledby="detail-trackers-h">
        <h3 id="detail-trackers-h">{tr.t('audit_trackersHeading', [p.trackers.length])}</h3>
        <SimpleTable
          testId="detail-trackers"
          rows={p.trackers}
          headers={[
            tr.t('audit_colVendor'),
            tr.t('audit_colCategory'),
            tr.t('audit_colHosts'),
            tr.t('audit_colRequests'),
            tr.t('audit_colDisclosure'),
          ]}
          cells={(t) => [`${t.name} (${t.vendor})`, t.category, t.hosts.join(', '), t.requests, <DisclosureBadge status={t.disclosure} />]}
        />
      </section>

      <section aria-labelledby="detail-cookies-h">
        <h3 id="detail-cookies-h">{tr.t('audit_cookiesHeading', [p.cookies.length])}</h3>
        <SimpleTable
          testId="detail-cookies"
          rows={p.cookies}
          headers={[
            tr.t('audit_colName'),
            tr.t('audit_colDomain'),
            tr.t('audit_colVendor'),
            tr.t('audit_colSecure'),
            tr.t('audit_colExpires'),
            tr.t('audit_colDisclosure'),
          ]}
          cells={(c) => [
            c.name,
            c.domain,
            c.vendor ?? tr.t('audit_unknownVendor'),
            yes(c.secure),
            c.session ? tr.t('audit_session') : (c.expires ?? ''),
            <DisclosureBadge status={c.disclosure} />,
          ]}
        />
      </section>

      <section aria-labelledby="detail-storage-h">
        <h3 id="detail-storage-h">{tr.t('audit_storageHeading', [p.storage.length])}</h3>
        <SimpleTable
          testId="detail-storage"
          rows={p.storage}
          headers={[tr.t('audit_colArea'), tr.t('audit_colKey'), tr.t('audit_colVendor')]}
          cells={(s) => [s.area, s.key, s.vendor ?? tr.t('audit_unknownVendor')]}
        />
      </section>

      <section aria-labelledby="detail-tp-h">
        <h3 id="detail-tp-h">{tr.t('audit_thirdPartiesHeading', [p.thirdParties.length])}</h3>
        <SimpleTable
          testId="detail-third-parties"
          rows={p.thirdParties}
          headers={[
            tr.t('audit_colHost'),
            tr.t('audit_colVendor'),
            tr.t('audit_colRequests'),
            tr.t('audit_colTracking'),
            tr.t('audit_colDisclosure'),
          ]}
          cells={(t) => [
            t.host,
            t.vendor ?? tr.t('audit_unknownVendor'),
            t.requests,
            yes(t.likelyTracking),
            <DisclosureBadge status={t.disclosure} />,
          ]}
        />
      </section>
    </article>
  );
}
