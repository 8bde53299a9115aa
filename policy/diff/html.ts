import { esc } from '../export/html';
import { isUnchanged } from './diff';
import { cookieWeakenings } from './regressions';
import type { AuditDiff, PageDiff } from './schema';

/**
 * The HTML report's "changes since the baseline" section (issue #17), placed at the top of
 * report.html when the audit ran with --baseline. Every string goes through esc().
 */

function list(label: [string, string], added: string[], removed: string[]): string {
  if (!added.length && !removed.length) return '';
  const items = [...added.map((x) => `<li>+ ${esc(x)}</li>`), ...removed.map((x) => `<li>− ${esc(x)}</li>`)].join('');
  return `<h4>${esc(label[0])}<span class="en">${esc(label[1])}</span></h4><ul>${items}</ul>`;
}

function pageSection(p: PageDiff): string {
  const status = { both: 'изменена / changed', added: 'новая страница / new page', removed: 'нет в этом прогоне / not in this run' }[
    p.status
  ];
  const parts = [
    `<h3 class="url">${esc(p.url)} <span class="muted">(${esc(status)})</span></h3>`,
    p.error ? `<p class="muted">Не сравнивалась / Not compared: ${esc(p.error)}</p>` : '',
    list(['Трекеры', 'Trackers'], p.trackers.added, p.trackers.removed),
    list(['Cookie', 'Cookies'], p.cookies.added, p.cookies.removed),
    p.cookies.changed.length
      ? `<h4>Изменились атрибуты cookie<span class="en">Cookie attributes changed</span></h4><ul>${p.cookies.changed
          .map(
            (c) =>
              `<li>${esc(c.cookie)}: ${esc(c.fields.join(', '))}${cookieWeakenings(c).length ? ` — <strong>${esc(cookieWeakenings(c).join(', '))}</strong>` : ''}</li>`,
          )
          .join('')}</ul>`
      : '',
    list(['Хранилище', 'Storage'], p.storage.added, p.storage.removed),
    list(['Сторонние хосты', 'Third-party hosts'], p.thirdParties.added, p.thirdParties.removed),
    list(['Находки', 'Findings'], p.findings.added, p.findings.removed),
    p.disclosure.length
      ? `<h4>Раскрытие в политике<span class="en">Disclosure in the policy</span></h4><ul>${p.disclosure
          .map(
            (d) =>
              `<li>${esc(d.vendor)}${d.feature ? ` / ${esc(d.feature)}` : ''}: ${esc(d.from)} → ${esc(d.to)}${d.worse ? ' <strong>(хуже / worse)</strong>' : ''}</li>`,
          )
          .join('')}</ul>`
      : '',
    p.policy.changed
      ? `<h4>Текст политики<span class="en">Policy text</span></h4><ul>${[
          ...p.policy.sentencesAdded.map((s) => `<li>+ ${esc(s)}</li>`),
          ...p.policy.sentencesRemoved.map((s) => `<li>− ${esc(s)}</li>`),
          p.policy.versionFrom !== p.policy.versionTo
            ? `<li>${esc(p.policy.versionFrom ?? '-')} → ${esc(p.policy.versionTo ?? '-')}</li>`
            : '',
        ].join('')}</ul>`
      : '',
  ];
  return parts.join('');
}

export function diffSectionHtml(diff: AuditDiff): string {
  const changed = diff.pages.filter((p) => !isUnchanged(p));
  const head = `<h2>Изменения с базового отчёта<span class="en">Changes since the baseline</span></h2>
<p class="muted">Базовый отчёт / Baseline: ${esc(diff.baseline.generatedAt)}, расширение / extension ${esc(diff.baseline.extensionVersion)} · Изменённых страниц / Pages changed: ${esc(changed.length)} из / of ${esc(diff.pages.length)}</p>`;
  const notes = diff.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('');
  const body = changed.length ? changed.map(pageSection).join('\n') : '<p>Изменений нет. <span lang="en">No changes.</span></p>';
  return `<section id="changes-since-baseline">\n${head}\n${notes}\n${body}\n</section>\n`;
}

/** report.html with the section placed right after its title (or at the start of the body). */
export function withDiffSection(html: string, diff: AuditDiff): string {
  const section = diffSectionHtml(diff);
  const h1 = html.indexOf('</h1>');
  const at = h1 >= 0 ? h1 + '</h1>'.length : html.indexOf('<body>') >= 0 ? html.indexOf('<body>') + '<body>'.length : 0;
  return `${html.slice(0, at)}\n${section}${html.slice(at)}`;
}
