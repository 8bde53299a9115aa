import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { kindLabel } from '../../policy/export/labels';
import { DISCLOSURES, NO_FILTER, isFiltered, type AuditFilter, type PageRow, type VendorSummary } from './model';
import { SeverityCounts, formatTime, useBounded } from './common';

export type SortOrder = 'findings' | 'time';

/** Filters (kind, vendor, disclosure, text) and the order of the page list. */
export function Filters(props: {
  filter: AuditFilter;
  kinds: string[];
  vendors: VendorSummary[];
  sort: SortOrder;
  /** The page list is still loading (issue #5 first screen): filters and order apply once it is in. */
  loading?: boolean;
  onFilter(f: AuditFilter): void;
  onSort(s: SortOrder): void;
}) {
  const tr = useI18n();
  const f = props.filter;
  const set = (patch: Partial<AuditFilter>) => props.onFilter({ ...f, ...patch });
  return (
    <fieldset class="filters" disabled={props.loading} aria-busy={props.loading || undefined}>
      <legend>{tr.t('audit_filters')}</legend>
      <label>
        {tr.t('audit_filterKind')}
        <select value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value })} data-testid="filter-kind">
          <option value="">{tr.t('audit_filterAny')}</option>
          {props.kinds.map((k) => (
            <option key={k} value={k}>
              {tr.pick(kindLabel(k))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tr.t('audit_filterVendor')}
        <select value={f.vendor} onChange={(e) => set({ vendor: e.currentTarget.value })} data-testid="filter-vendor">
          <option value="">{tr.t('audit_filterAny')}</option>
          {props.vendors.map((v) => (
            <option key={v.vendor} value={v.vendor}>
              {v.name === v.vendor ? v.vendor : `${v.name} (${v.vendor})`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tr.t('audit_filterDisclosure')}
        <select
          value={f.disclosure}
          onChange={(e) => set({ disclosure: e.currentTarget.value as AuditFilter['disclosure'] })}
          data-testid="filter-disclosure"
        >
          <option value="">{tr.t('audit_filterAny')}</option>
          {DISCLOSURES.map((d) => (
            <option key={d} value={d}>
              {tr.t(`policy_disclosure_${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tr.t('audit_filterQuery')}
        <input type="search" value={f.query} onInput={(e) => set({ query: e.currentTarget.value })} data-testid="filter-query" />
      </label>
      <label>
        {tr.t('audit_sort')}
        <select value={props.sort} onChange={(e) => props.onSort(e.currentTarget.value as SortOrder)} data-testid="sort">
          <option value="findings">{tr.t('audit_sortFindings')}</option>
          <option value="time">{tr.t('audit_sortTime')}</option>
        </select>
      </label>
      {isFiltered(f) && (
        <button type="button" onClick={() => props.onFilter(NO_FILTER)}>
          {tr.t('audit_filterReset')}
        </button>
      )}
    </fieldset>
  );
}

/** The page table: bounded rows, each with "details" and "delete". */
export function PageTable(props: {
  rows: PageRow[];
  total: number;
  pageSize: number;
  /** Row whose "details" button gets the focus (back from the detail view). */
  focusId?: string | null;
  /** Records of pages still open in a tab: shown as in progress. */
  openIds?: ReadonlySet<string>;
  onOpen(id: string): void;
  onDelete(row: PageRow): void;
}) {
  const tr = useI18n();
  const { visible, more } = useBounded(props.rows, props.pageSize);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!props.focusId || !ref.current) return;
    const btn = [...ref.current.querySelectorAll<HTMLButtonElement>('button[data-open]')].find((b) => b.dataset.open === props.focusId);
    btn?.focus();
  }, [props.focusId]);
  return (
    <div ref={ref}>
      <p role="status" aria-live="polite" data-testid="shown">
        {tr.t('audit_shown', [props.rows.length, props.total])}
      </p>
      {props.rows.length === 0 ? (
        <p>{tr.t('audit_noMatch')}</p>
      ) : (
        <table class="pages" data-testid="pages">
          <caption class="sr-only">{tr.t('audit_pagesHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr.t('audit_colPage')}</th>
              <th scope="col" class="c-time">
                {tr.t('audit_colTime')}
              </th>
              <th scope="col" class="c-findings">
                {tr.t('audit_colFindings')}
              </th>
              <th scope="col" class="c-num">
                {tr.t('audit_colTrackers')}
              </th>
              <th scope="col" class="c-actions">
                {tr.t('audit_colActions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const name = r.title || r.url;
              return (
                <tr key={r.id} data-id={r.id} data-url={r.url}>
                  <th scope="row" class="page-cell">
                    <span class="page-title">{name}</span>
                    {r.title && <span class="url">{r.url}</span>}
                    {props.openIds?.has(r.id) && (
                      <span class="in-progress" data-testid="in-progress">
                        {tr.t('audit_inProgress')}
                      </span>
                    )}
                  </th>
                  <td>{formatTime(r.time, tr.lang)}</td>
                  <td>
                    <SeverityCounts counts={r.counts} />
                  </td>
                  <td class="c-num">{r.summary.trackers.length}</td>
                  <td class="actions">
                    <button type="button" data-open={r.id} aria-label={tr.t('audit_openAria', [name])} onClick={() => props.onOpen(r.id)}>
                      {tr.t('audit_open')}
                    </button>
                    <button type="button" class="danger" aria-label={tr.t('audit_deleteAria', [name])} onClick={() => props.onDelete(r)}>
                      {tr.t('audit_delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {more}
    </div>
  );
}
