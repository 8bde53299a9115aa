import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { SEVERITY_LABELS } from '../../policy/export/labels';
import { SEVERITIES, type SeverityCounts } from './model';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Local date and time of a record, in the UI language. One formatter per language:
 * toLocaleString with options builds a new one on every call (a visible share of the first
 * screen's 50 rows, issue #5).
 */
export function formatTime(ms: number, lang: 'ru' | 'en'): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  let f = timeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    timeFormats.set(lang, f);
  }
  return f.format(d);
}

export function SeverityLabel(props: { severity: string }) {
  const tr = useI18n();
  return (
    <span class={`sev sev-${props.severity}`}>
      {tr.pick(SEVERITY_LABELS[props.severity] ?? { ru: props.severity, en: props.severity })}
    </span>
  );
}

/** Severity counts as text ("высокая: 2"), colour only as an extra cue (WCAG 1.4.1). */
export function SeverityCounts(props: { counts: SeverityCounts }) {
  const tr = useI18n();
  const parts = SEVERITIES.filter((s) => props.counts[s] > 0);
  if (parts.length === 0) return <span class="muted">{tr.t('audit_noFindings')}</span>;
  return (
    <ul class="counts">
      {parts.map((s) => (
        <li key={s} class={`sev sev-${s}`} data-severity={s}>
          {tr.t('audit_severityCount', [tr.pick(SEVERITY_LABELS[s]), props.counts[s]])}
        </li>
      ))}
    </ul>
  );
}

/**
 * Shows the first `step` items and a "show N more" button: lists stay bounded with 10,000
 * records or a page with 2,000 requests. `reset` changes (e.g. the filter) start over.
 */
export function useBounded<T>(items: readonly T[], step: number): { visible: readonly T[]; more: ComponentChildren } {
  const tr = useI18n();
  const [shown, setShown] = useState(step);
  const visible = items.length > shown ? items.slice(0, shown) : items;
  const rest = items.length - visible.length;
  const more =
    rest > 0 ? (
      <button type="button" class="more" onClick={() => setShown(shown + step)}>
        {tr.t('audit_showMore', [Math.min(rest, step), rest])}
      </button>
    ) : null;
  return { visible, more };
}

export function Section(props: { id: string; title: ComponentChildren; children: ComponentChildren; level?: 2 | 3 }) {
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby={`${props.id}-h`} id={props.id}>
      <H id={`${props.id}-h`}>{props.title}</H>
      {props.children}
    </section>
  );
}
