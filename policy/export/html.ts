import type { Finding, Report, ReportPage } from '../report/schema';
import { kindLabel, SEVERITY_LABELS } from './labels';
import { countryLabel } from '../catalogue/recipient';
import { findingDetail } from '../findings/cross-border-text';

/**
 * Self-contained HTML report (issue #5) for printing or attaching: inline CSS, no scripts at
 * all, and a CSP meta that forbids everything but inline styles and data: images, so even a
 * missed escape could not run code or load anything. Every string that came from a page
 * (URLs, titles, cookie names/values, storage keys, evidence) goes through esc(); URLs are
 * shown as text, never as links. Russian first, English as subtitles.
 */

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/[&<>"'`]/g, (c) => ESC[c]);
}

export interface HtmlOptions {
  /** Document title; defaults to "Tracker Lens: отчёт". */
  title?: string;
  /** Per-page tables of trackers, cookies, storage and third parties (default true). */
  details?: boolean;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1a1a1a}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:16px 0 4px}.en{display:block;color:#666;font-size:.8em;font-weight:normal}
table{border-collapse:collapse;width:100%;margin:4px 0 12px;table-layout:fixed}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f3f3}.url{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.sev-high{color:#a40000;font-weight:bold}.sev-medium{color:#8a5300}.sev-low{color:#35507a}.sev-info{color:#555}
dl{margin:0}dt{font-weight:bold;display:inline}dd{display:inline;margin:0 8px 0 2px}
.muted{color:#666}section.page{break-inside:avoid-page}
@media print{body{margin:0}h2{break-after:avoid}}`;

function th(ru: string, en: string): string {
  return `<th>${ru}<span class="en">${en}</span></th>`;
}

function heading(tag: 'h2' | 'h3', ru: string, en: string): string {
  return `<${tag}>${ru}<span class="en">${en}</span></${tag}>`;
}

function detailHtml(d: { ru: string; en: string } | undefined): string {
  return d ? `<p class="detail">${esc(d.ru)}<span class="en">${esc(d.en)}</span></p>` : '';
}

function evidenceHtml(ev: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of Object.keys(ev)) {
    const v = ev[k];
    const text = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : v;
    parts.push(`<dt>${esc(k)}:</dt><dd class="url">${esc(text)}</dd>`);
  }
  return `<dl>${parts.join('')}</dl>`;
}

function findingsTable(findings: Finding[]): string {
  if (findings.length === 0) return '<p class="muted">Находок нет. <span lang="en">No findings.</span></p>';
  const rows = findings.map((f) => {
    const sev = SEVERITY_LABELS[f.severity] ?? { ru: f.severity, en: f.severity };
    const kind = kindLabel(f.kind);
    return `<tr><td class="sev-${esc(f.severity)}">${esc(sev.ru)}<span class="en">${esc(sev.en)}</span></td><td>${esc(kind.ru)}<span class="en">${esc(kind.en)} (${esc(f.kind)})</span></td><td>${esc(f.vendor ?? '')}</td><td>${esc(f.clause ?? '')}</td><td>${f.title ? `${esc(f.title.ru)}<span class="en">${esc(f.title.en)}</span>` : ''}${detailHtml(findingDetail(f))}${evidenceHtml(f.evidence)}</td></tr>`;
  });
  return `<table><colgroup><col style="width:9%"><col style="width:17%"><col style="width:11%"><col style="width:14%"><col></colgroup><thead><tr>${th('Важность', 'Severity')}${th('Тип', 'Kind')}${th('Сервис', 'Vendor')}${th('Пункт политики', 'Policy clause')}${th('Описание и доказательства', 'Description and evidence')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function simpleTable(headers: [string, string][], rows: unknown[][]): string {
  if (rows.length === 0) return '<p class="muted">Нет. <span lang="en">None.</span></p>';
  return `<table><thead><tr>${headers.map(([ru, en]) => th(ru, en)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td class="url">${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** "Соединенные Штаты (US) / United States (US)"; "не установлено / unknown" when null. */
function countryCell(country: string | null | undefined): string {
  const ru = countryLabel(country, 'ru');
  return ru ? `${ru} / ${countryLabel(country, 'en')}` : 'не установлено / unknown';
}

const yesNo = (b: boolean | undefined): string => (b ? 'да / yes' : 'нет / no');

/** One page's section; `i` is its 0-based position in the report (numbering, anchor). */
export function pageHtml(p: ReportPage, i: number, details: boolean): string {
  const out: string[] = [];
  out.push(`<section class="page" id="page-${i + 1}">`);
  out.push(`<h2>${i + 1}. ${esc(p.title || p.url)}<span class="en url">${esc(p.finalUrl || p.url)}</span></h2>`);
  const meta = [
    p.startedAt ? `Время / Time: ${esc(p.startedAt)}` : '',
    `Запросов / Requests: ${esc(p.requestCount)}`,
    p.policy ? `Версия политики / Policy version: ${esc(p.policy.version)}` : '',
    p.error ? `Ошибка / Error: ${esc(p.error)}` : '',
  ].filter(Boolean);
  out.push(`<p class="muted">${meta.join(' · ')}</p>`);
  out.push(heading('h3', 'Находки', 'Findings'));
  out.push(findingsTable(p.findings));
  if (details) {
    out.push(heading('h3', 'Трекеры', 'Trackers'));
    out.push(
      simpleTable(
        [
          ['Сервис', 'Vendor'],
          ['Организация', 'Organization'],
          ['Страна', 'Country'],
          ['Категория', 'Category'],
          ['Хосты', 'Hosts'],
          ['Запросы', 'Requests'],
          ['Cookie', 'Cookies'],
          ['Раскрытие', 'Disclosure'],
        ],
        p.trackers.map((t) => [
          `${t.name} (${t.vendor})`,
          t.organization ?? '',
          countryCell(t.country),
          t.category,
          t.hosts.join(', '),
          t.requests,
          t.cookies.join(', '),
          t.disclosure ?? '',
        ]),
      ),
    );
    out.push(heading('h3', 'Cookie', 'Cookies'));
    out.push(
      simpleTable(
        [
          ['Имя', 'Name'],
          ['Домен', 'Domain'],
          ['Сервис', 'Vendor'],
          ['Secure', 'Secure'],
          ['Срок', 'Expires'],
          ['Раскрытие', 'Disclosure'],
        ],
        p.cookies.map((c) => [
          c.name,
          c.domain,
          c.vendor ?? '',
          yesNo(c.secure),
          c.session ? 'сеанс / session' : (c.expires ?? ''),
          c.disclosure ?? '',
        ]),
      ),
    );
    out.push(heading('h3', 'Хранилище', 'Storage'));
    out.push(
      simpleTable(
        [
          ['Область', 'Area'],
          ['Ключ', 'Key'],
          ['Сервис', 'Vendor'],
        ],
        p.storage.map((s) => [s.area, s.key, s.vendor ?? '']),
      ),
    );
    out.push(heading('h3', 'Третьи стороны', 'Third parties'));
    out.push(
      simpleTable(
        [
          ['Хост', 'Host'],
          ['Сервис', 'Vendor'],
          ['Запросы', 'Requests'],
          ['Типы', 'Types'],
          ['Вероятно отслеживание', 'Likely tracking'],
        ],
        p.thirdParties.map((t) => [t.host, t.vendor ?? '', t.requests, t.types.join(', '), yesNo(t.likelyTracking)]),
      ),
    );
  }
  out.push('</section>');
  return out.join('\n');
}

/** One row of the report's "pages summary" table. */
export interface HtmlSummaryRow {
  url: string;
  trackers: number;
  findings: number;
  high: number;
}

export function htmlSummaryRow(p: ReportPage): HtmlSummaryRow {
  let high = 0;
  for (const f of p.findings) if (f.severity === 'high') high += 1;
  return { url: p.finalUrl || p.url, trackers: p.trackers.length, findings: p.findings.length, high };
}

export type SeverityTotals = Record<string, number>;

/** The report's head: title, totals and the pages summary table (needs every page's row). */
export function htmlHead(meta: Omit<Report, 'pages'>, rows: readonly HtmlSummaryRow[], counts: SeverityTotals, title: string): string {
  const summaryRows = rows.map(
    (r, i) =>
      `<tr><td>${i + 1}</td><td class="url">${esc(r.url)}</td><td>${esc(r.trackers)}</td><td>${esc(r.findings)}</td><td class="sev-high">${esc(r.high)}</td></tr>`,
  );
  return [
    '<!doctype html>',
    '<html lang="ru">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(HTML_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(title)}<span class="en">Tracker Lens report</span></h1>`,
    `<p class="muted">Сайт / Site: ${esc(meta.site ?? '')} · Создан / Generated: ${esc(meta.generatedAt)} · Версия расширения / Extension version: ${esc(meta.extensionVersion)}</p>`,
    `<p>Страниц / Pages: ${esc(rows.length)} · Находок высокой важности / High: ${esc(counts.high)} · средней / medium: ${esc(counts.medium)} · низкой / low: ${esc(counts.low)} · к сведению / info: ${esc(counts.info)}</p>`,
    '<p class="muted">Находки описывают наблюдаемое поведение и возможные противоречия политике, а не юридические выводы. <span lang="en">Findings describe observed behaviour and possible contradictions with the policy, not legal conclusions.</span></p>',
    observationsHtml(meta.policyObservations),
    heading('h2', 'Сводка по страницам', 'Pages summary'),
    `<table><colgroup><col style="width:5%"><col><col style="width:10%"><col style="width:10%"><col style="width:12%"></colgroup><thead><tr>${th('№', '#')}${th('Адрес', 'URL')}${th('Трекеры', 'Trackers')}${th('Находки', 'Findings')}${th('Высокая важность', 'High severity')}</tr></thead><tbody>${summaryRows.join('')}</tbody></table>`,
    '',
  ].join('\n');
}

/** The policy-level observations (issue 13): what the policy says or leaves out, with the law; '' when none. */
function observationsHtml(obs: Report['policyObservations']): string {
  if (!obs?.length) return '';
  const items = obs.map(
    (o) =>
      `<li class="policy-observation" data-id="${esc(o.id)}"><strong>${esc(o.title.ru)}</strong><span class="en">${esc(o.title.en)}</span>` +
      `<p>${esc(o.text.ru)}<span class="en">${esc(o.text.en)}</span></p><p class="muted">${esc(o.law.join('; '))}</p></li>`,
  );
  return `${heading('h2', 'Политика: что в ней сказано и чего нет', 'The policy: what it says and leaves out')}\n<ul class="policy-observations">${items.join('')}</ul>`;
}

export const HTML_DEFAULT_TITLE = 'Tracker Lens: отчёт';

export const HTML_TAIL = '</body>\n</html>\n';

/**
 * The HTML report written as pages come in: page sections go to `write` at once; the head
 * (title, totals and the pages summary table, which need every page) is returned by end(),
 * to be placed before them. head + sections + tail is exactly toHtml's text.
 */
export function htmlExporter(
  meta: Omit<Report, 'pages'>,
  write: (chunk: string) => void,
  opts: HtmlOptions = {},
): { add(pages: readonly ReportPage[]): void; end(): string } {
  const title = opts.title ?? HTML_DEFAULT_TITLE;
  const details = opts.details !== false;
  const rows: HtmlSummaryRow[] = [];
  const counts: SeverityTotals = { high: 0, medium: 0, low: 0, info: 0 };
  return {
    add(pages) {
      const out: string[] = [];
      for (const p of pages) {
        for (const f of p.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
        out.push(`${pageHtml(p, rows.length, details)}\n`);
        rows.push(htmlSummaryRow(p));
      }
      if (out.length) write(out.join(''));
    },
    end() {
      write(HTML_TAIL);
      return htmlHead(meta, rows, counts, title);
    },
  };
}

export function toHtml(report: Report, opts: HtmlOptions = {}): string {
  const body: string[] = [];
  const { pages, ...meta } = report;
  const x = htmlExporter(meta, (s) => body.push(s), opts);
  x.add(pages);
  const head = x.end();
  return head + body.join('');
}
