// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditApp, type AuditAppProps } from '../../components/audit/AuditApp';
import { dictionaryTranslator, I18nProvider, type Lang } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { ReportSchema } from '../../policy/report/schema';
import { toCsv, toHtml, toJson } from '../../policy/export';
import { buildReport } from '../../policy/report/build-report';
import { recordPage } from '../../components/audit/export-files';
import { HistoryRecordSchema, type HistoryRecord } from '../../policy/export/history-record';
import { aggregatesOf, overviewOf } from '../../policy/history/aggregates';
import { auditRecord, cookie, summaryOf, tracker } from './audit-page-fixtures';

afterEach(cleanup);

const XSS = '<img src=x onerror=alert(1)>';

const HOME_OLD = auditRecord({
  id: 'home-1',
  url: 'https://pro-medika.ru/',
  time: Date.UTC(2026, 0, 1, 10),
  title: 'Главная',
  trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'named'), tracker('vk-ads', 'VK Реклама', 'generic')],
  cookies: [cookie('_ym_uid', '.pro-medika.ru')],
  findings: [{ kind: 'cookie-attributes', severity: 'info', vendor: 'vk-ads', evidence: { cookie: 'tmr_lvid', attribute: 'expires' } }],
});
const HOME_NEW = auditRecord({
  id: 'home-2',
  url: 'https://pro-medika.ru/',
  time: Date.UTC(2026, 0, 2, 10),
  title: `Главная ${XSS}`,
  trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'named'), tracker('jivo', 'Jivo', 'undisclosed')],
  cookies: [cookie('_ym_uid', '.pro-medika.ru'), cookie(`jv_${XSS}`, '.pro-medika.ru')],
  findings: [
    { kind: 'undisclosed-tracker', severity: 'medium', vendor: 'jivo', evidence: { host: 'code.jivosite.com' }, clause: 'cookies.list' },
  ],
  page: { policy: { version: '2024-01', changed: true, summary: 'Изменён пункт 5', summaryEn: 'Clause 5 changed' } },
});
const URO = auditRecord({
  id: 'uro',
  url: 'https://pro-medika.ru/services/urologiya/',
  time: Date.UTC(2026, 0, 1, 12),
  title: 'Урология',
  trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'named')],
  findings: [
    {
      kind: 'health-context-leak',
      severity: 'high',
      vendor: 'yandex-metrica',
      evidence: { param: 'page-url', url: `https://mc.yandex.ru/watch/1?page-url=${XSS}`, terms: ['урология'] },
      title: { ru: 'Адрес страницы об урологии ушёл в Метрику', en: 'The urology page URL went to Metrica' },
    },
  ],
});

function setup(over: Partial<AuditAppProps> & { records?: HistoryRecord[] } = {}, lang: Lang = 'ru') {
  const downloads: { name: string; text: string; mime: string }[] = [];
  const { records = [HOME_OLD, HOME_NEW, URO], ...rest } = over;
  const byId = new Map(records.map((r) => [r.id, r]));
  const reads: string[][] = [];
  const props: AuditAppProps = {
    summaries: records.map(summaryOf),
    getRecord: vi.fn(async (id: string) => byId.get(id) ?? null),
    // In batches of 2, as the store hands them over in batches; an unknown id is skipped and counted.
    readHistory: async (ids, onBatch) => {
      reads.push([...ids]);
      let skipped = 0;
      for (let i = 0; i < ids.length; i += 2) {
        const batch = ids.slice(i, i + 2).flatMap((id) => byId.get(id) ?? []);
        skipped += Math.min(2, ids.length - i) - batch.length;
        onBatch(batch);
      }
      return { skipped };
    },
    stats: { count: 3, bytes: 3 * 1024, oldest: HOME_OLD.time, newest: HOME_NEW.time },
    settings: { enabled: true, retentionDays: 90, maxBytes: 50 * 1024 * 1024 },
    extensionVersion: '0.1.0',
    onDelete: vi.fn(async () => {}),
    onClear: vi.fn(async () => {}),
    onSaveSettings: vi.fn(async () => {}),
    download: (name, mime) => {
      let text = '';
      return {
        write: (chunk) => {
          text += chunk;
        },
        get bytes() {
          return new TextEncoder().encode(text).length;
        },
        close: (prefix = '') => {
          downloads.push({ name, text: prefix + text, mime });
        },
      };
    },
    now: () => new Date('2026-01-03T00:00:00Z'),
    ...rest,
  };
  const view = render(
    <I18nProvider translator={dictionaryTranslator(messages, lang)}>
      <AuditApp {...props} />
    </I18nProvider>,
  );
  return { props, downloads, view, reads };
}

const rowIds = () => [...document.querySelectorAll('table[data-testid="pages"] tbody tr')].map((r) => r.getAttribute('data-id'));

describe('audit page: list', () => {
  it('lists pages by findings with severity as text, most severe first', () => {
    setup();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Аудит и история страниц');
    expect(rowIds()).toEqual(['uro', 'home-2', 'home-1']);
    const uro = document.querySelector('tr[data-id="uro"]') as HTMLElement;
    expect(within(uro).getByText('высокая: 1')).toBeTruthy();
    const home1 = document.querySelector('tr[data-id="home-1"]') as HTMLElement;
    expect(within(home1).getByText('к сведению: 1')).toBeTruthy();
    expect(screen.getByTestId('overview').textContent).toBe('Страниц: 3 · адресов: 2 · находок: 3');
    // Sorting newest first.
    fireEvent.change(screen.getByLabelText('Порядок'), { target: { value: 'time' } });
    expect(rowIds()).toEqual(['home-2', 'uro', 'home-1']);
  });

  it('renders page strings as text: markup in titles never becomes elements', () => {
    setup();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByText(`Главная ${XSS}`).length).toBeGreaterThan(0);
  });

  it('filters by kind, vendor, disclosure and text; reset brings every page back', () => {
    setup();
    fireEvent.change(screen.getByLabelText('Тип находки'), { target: { value: 'health-context-leak' } });
    expect(rowIds()).toEqual(['uro']);
    expect(screen.getByTestId('shown').textContent).toBe('Показано страниц: 1 из 3');
    fireEvent.click(screen.getByRole('button', { name: 'Сбросить фильтры' }));
    expect(rowIds()).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Сервис'), { target: { value: 'jivo' } });
    expect(rowIds()).toEqual(['home-2']);
    fireEvent.change(screen.getByLabelText('Сервис'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Раскрытие в политике'), { target: { value: 'generic' } });
    expect(rowIds()).toEqual(['home-1']);
    fireEvent.change(screen.getByLabelText('Раскрытие в политике'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Адрес или заголовок содержит'), { target: { value: 'urolog' } });
    expect(rowIds()).toEqual(['uro']);
    fireEvent.input(screen.getByLabelText('Адрес или заголовок содержит'), { target: { value: 'nothing-like-this' } });
    expect(screen.getByText('Нет страниц, подходящих под фильтры.')).toBeTruthy();
  });

  it('vendor summary: pages per vendor with findings by kind; "show pages" filters the list', () => {
    setup();
    const table = screen.getByTestId('vendors');
    const ym = within(table).getByText('Яндекс Метрика').closest('tr') as HTMLElement;
    expect(within(ym).getByTestId('vendor-pages').textContent).toBe('3');
    expect(ym.textContent).toContain('Передача медицинского контекста: 1');
    const vk = table.querySelector('tr[data-vendor="vk-ads"]') as HTMLElement;
    expect(within(vk).getByTestId('vendor-pages').textContent).toBe('1');
    expect(vk.textContent).toContain('Атрибуты cookie: 1');
    fireEvent.click(within(vk).getByRole('button', { name: 'Показать страницы с сервисом VK Реклама' }));
    expect(rowIds()).toEqual(['home-1']);
    expect((screen.getByLabelText('Сервис') as HTMLSelectElement).value).toBe('vk-ads');
  });

  it('bounds the list and shows more on demand', () => {
    const many: HistoryRecord[] = Array.from({ length: 120 }, (_, i) =>
      auditRecord({ id: `p${i}`, url: `https://pro-medika.ru/p${i}/`, time: i, title: `P${i}` }),
    );
    setup({ records: many });
    expect(rowIds()).toHaveLength(50);
    fireEvent.click(screen.getByRole('button', { name: 'Показать ещё 50 (осталось 70)' }));
    expect(rowIds()).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Показать ещё 20 (осталось 20)' }));
    expect(rowIds()).toHaveLength(120);
    expect(screen.queryByRole('button', { name: /Показать ещё/ })).toBeNull();
  });

  it('lists from summaries alone: no full record is read until a detail view opens', () => {
    const { props } = setup();
    expect(rowIds()).toHaveLength(3);
    expect(screen.getByTestId('vendors')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'JSON (report.json)' })).toBeTruthy();
    expect(props.getRecord).not.toHaveBeenCalled();
  });

  it('first screen (issue #5): overview, vendors and first rows from the store while the summaries load; filters, order and export wait for them', () => {
    const summaries = [HOME_OLD, HOME_NEW, URO].map(summaryOf);
    const overview = overviewOf(aggregatesOf(summaries));
    const { props, view } = setup({
      summaries: null,
      first: { overview: { ...overview, pages: 120 }, rows: [summaries[2], summaries[1]], skipped: 1 },
    });
    expect(document.querySelector('main')?.dataset.state).toBe('first');
    expect(screen.getByTestId('overview').textContent).toBe('Страниц: 120 · адресов: 2 · находок: 3');
    expect(rowIds()).toEqual(['uro', 'home-2']);
    expect(screen.getByTestId('shown').textContent).toBe('Показано страниц: 2 из 120');
    expect(screen.getByTestId('list-loading')).toBeTruthy();
    expect(screen.getByTestId('vendors')).toBeTruthy();
    expect(screen.getByText('Пропущено повреждённых записей: 1')).toBeTruthy();
    expect((screen.getByLabelText('Тип находки') as HTMLSelectElement).closest('fieldset')?.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'JSON (report.json)' }) as HTMLButtonElement).disabled).toBe(true);
    // Details and delete work at once.
    fireEvent.click(within(document.querySelector('tr[data-id="uro"]') as HTMLElement).getByRole('button', { name: /^Подробнее/ }));
    expect(props.getRecord).toHaveBeenCalledWith('uro');
    // The summaries arrive: the full list takes over.
    view.rerender(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <AuditApp {...props} summaries={summaries} skipped={0} />
      </I18nProvider>,
    );
    expect(document.querySelector('main')?.dataset.state).toBe('full');
  });

  it('loading, empty history and history-off states', () => {
    setup({ summaries: null });
    expect(screen.getByText('Загрузка истории…')).toBeTruthy();
    cleanup();
    setup({
      records: [],
      stats: { count: 0, bytes: 0, oldest: null, newest: null },
      settings: { enabled: false, retentionDays: 90, maxBytes: 1024 },
    });
    expect(screen.getByTestId('empty')).toBeTruthy();
    expect(screen.getByText('История выключена: новые страницы не сохраняются.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Удалить всю историю' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('audit page: detail', () => {
  it('opens a page: findings with evidence, policy version and change, trackers with disclosure, cookies', async () => {
    const { props } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Подробнее: Урология' }));
    expect(screen.getByTestId('detail-loading')).toBeTruthy();
    const detail = await screen.findByTestId('detail');
    expect(props.getRecord).toHaveBeenCalledWith('uro');
    const heading = within(detail).getByRole('heading', { level: 2 });
    expect(heading.textContent).toBe('Страница: Урология');
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const findings = within(detail).getByTestId('findings');
    expect(findings.textContent).toContain('Передача медицинского контекста');
    expect(findings.textContent).toContain('page-url');
    expect(findings.textContent).toContain(`https://mc.yandex.ru/watch/1?page-url=${XSS}`);
    expect(findings.textContent).toContain('Адрес страницы об урологии ушёл в Метрику');
    expect(findings.textContent).toContain('урология');
    expect(detail.querySelector('img')).toBeNull();
    expect(within(detail).getByTestId('policy-version').textContent).toBe('2024-01 (не менялась)');
    const trackers = within(detail).getByTestId('detail-trackers');
    expect(within(trackers).getByRole('img', { name: /Названо в политике/ })).toBeTruthy();
    await waitFor(() => expect(within(detail).getByTestId('diff-first')).toBeTruthy());
    // Back to the list: the focus returns to the row's button.
    fireEvent.click(within(detail).getByRole('button', { name: '← Назад к списку' }));
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(document.activeElement?.getAttribute('data-open')).toBe('uro');
  });

  it('a record that cannot be read: an alert and a way back, no crash', async () => {
    setup({ getRecord: async () => null });
    fireEvent.click(screen.getByRole('button', { name: 'Подробнее: Урология' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Запись не удалось прочитать: она повреждена или уже удалена.');
    fireEvent.click(screen.getByRole('button', { name: '← Назад к списку' }));
    expect(rowIds()).toHaveLength(3);
  });

  it('"new since the previous visit": new and gone trackers, cookies, findings', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: `Подробнее: Главная ${XSS}` }));
    const diff = await screen.findByTestId('diff');
    await waitFor(() => expect(within(diff).getByTestId('diff-new-trackers')).toBeTruthy());
    expect(within(diff).getByTestId('diff-new-trackers').textContent).toContain('Jivo (jivo)');
    expect(within(diff).getByTestId('diff-gone-trackers').textContent).toContain('vk-ads');
    expect(within(diff).getByTestId('diff-new-cookies').textContent).toContain(`jv_${XSS}`);
    expect(within(diff).getByTestId('diff-new-findings').textContent).toContain('Трекер не упомянут в политике');
    expect(within(diff).getByTestId('diff-resolved-findings').textContent).toContain('Атрибуты cookie');
    expect(screen.getByTestId('policy-version').textContent).toBe('2024-01 (Политика изменилась: Изменён пункт 5)');
    expect(document.querySelector('img')).toBeNull();
  });

  it('"new since the previous visit" and the side-by-side view answer alike: evidence that differs within one kind and vendor is no change', async () => {
    // The same finding kind for the same vendor, about another cookie: the audit command's diff
    // (kind:vendor) sees no change, so the detail view lists nothing new either.
    const later = auditRecord({
      id: 'home-3',
      url: HOME_OLD.url,
      time: Date.UTC(2026, 0, 3, 10),
      title: 'Главная',
      trackers: [tracker('yandex-metrica', 'Яндекс Метрика', 'named'), tracker('vk-ads', 'VK Реклама', 'generic')],
      cookies: [cookie('_ym_uid', '.pro-medika.ru')],
      findings: [{ kind: 'cookie-attributes', severity: 'info', vendor: 'vk-ads', evidence: { cookie: 'tmr_tc', attribute: 'secure' } }],
    });
    setup({ records: [later], previousVisit: async () => HOME_OLD });
    fireEvent.click(screen.getByRole('button', { name: 'Подробнее: Главная' }));
    const diff = await screen.findByTestId('diff');
    await waitFor(() => expect(within(diff).getByTestId('diff-nothing')).toBeTruthy());
    expect(within(diff).queryByTestId('diff-new-findings')).toBeNull();
    expect(within(diff).queryByTestId('diff-resolved-findings')).toBeNull();
  });

  it('uses the previousVisit callback when given', async () => {
    const previousVisit = vi.fn(async () => HOME_NEW);
    setup({ previousVisit });
    fireEvent.click(screen.getByRole('button', { name: 'Подробнее: Главная' }));
    await waitFor(() => expect(screen.getByTestId('diff-gone-trackers')).toBeTruthy());
    expect(previousVisit).toHaveBeenCalledWith(HOME_OLD);
    expect(screen.getByTestId('diff-gone-trackers').textContent).toContain('jivo');
  });

  it('deletes the page from the detail view and returns to the list', async () => {
    const onDelete = vi.fn(async () => {});
    setup({ onDelete });
    fireEvent.click(screen.getByRole('button', { name: 'Подробнее: Урология' }));
    fireEvent.click(within(await screen.findByTestId('detail')).getByRole('button', { name: 'Удалить запись: Урология' }));
    await waitFor(() => expect(screen.queryByTestId('detail')).toBeNull());
    expect(onDelete).toHaveBeenCalledWith('uro');
    expect(screen.getByTestId('status').textContent).toBe('Запись удалена: Урология');
  });
});

describe('audit page: exports', () => {
  it('JSON of the filtered pages validates against ReportSchema', async () => {
    const { downloads, reads } = setup();
    fireEvent.change(screen.getByLabelText('Тип находки'), { target: { value: 'health-context-leak' } });
    fireEvent.click(screen.getByRole('button', { name: 'JSON (report.json)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    // Only the shown pages' records are read.
    expect(reads).toEqual([['uro']]);
    expect(downloads[0].name).toBe('pro-medika-audit-2026-01-03T00-00-00.json');
    expect(downloads[0].mime).toBe('application/json');
    const report = ReportSchema.parse(JSON.parse(downloads[0].text));
    expect(report.pages.map((p) => p.url)).toEqual([URO.url]);
    expect(report.pages[0].findings[0].kind).toBe('health-context-leak');
    expect(report.generatedAt).toBe('2026-01-03T00:00:00.000Z');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toContain('pro-medika-audit-2026-01-03T00-00-00.json'));
  });

  it('JSON of every page, in the list order, equals the report of the records', async () => {
    const { downloads } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'JSON (report.json)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const report = ReportSchema.parse(JSON.parse(downloads[0].text));
    expect(report.pages.map((p) => p.url)).toEqual([URO.url, HOME_NEW.url, HOME_OLD.url]);
    expect(report.pages[0]).toEqual({ ...URO.report, startedAt: new Date(URO.time).toISOString() });
    expect(report.options).toEqual({ source: 'history' });
  });

  it('a record that is gone or not valid is left out, and the status says how many', async () => {
    const { downloads } = setup({
      // The newer home page was deleted meanwhile; the older one did not validate.
      readHistory: async (ids, onBatch) => {
        onBatch(ids.flatMap((id) => (id === 'uro' ? [URO] : [])));
        return { skipped: 2 };
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'JSON (report.json)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const report = ReportSchema.parse(JSON.parse(downloads[0].text));
    expect(report.pages.map((p) => p.url)).toEqual([URO.url]);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/пропущено записей: 2$/));
  });

  it('CSV: four files or one chosen table, UTF-8 with BOM', async () => {
    const { downloads, reads } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(4));
    // One read of the records for the four tables.
    expect(reads).toHaveLength(1);
    expect(downloads.map((d) => d.name)).toEqual(
      ['pages', 'cookies', 'requests', 'findings'].map((p) => `pro-medika-audit-2026-01-03T00-00-00-${p}.csv`),
    );
    expect(downloads.every((d) => d.text.startsWith('\ufeff') && d.mime.startsWith('text/csv'))).toBe(true);
    downloads.length = 0;
    fireEvent.change(screen.getByLabelText('Таблица CSV'), { target: { value: 'findings' } });
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].text).toContain('health-context-leak');
  });

  it('HTML report escapes page strings', async () => {
    const { downloads } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'HTML-отчёт для печати' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].text.startsWith('<!doctype html>')).toBe(true);
    expect(downloads[0].text.match(/<section class="page"/g)).toHaveLength(3);
    expect(downloads[0].mime).toBe('text/html');
    expect(downloads[0].text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(downloads[0].text).not.toContain(XSS);
  });

  it("writes byte for byte what the audit command's exporters write for the same report", async () => {
    // As the store hands them over: validated (zod output order).
    const records = [HOME_OLD, HOME_NEW, URO].map((r) => HistoryRecordSchema.parse(r));
    const { downloads } = setup({ records });
    for (const name of ['JSON (report.json)', 'HTML-отчёт для печати', 'CSV']) {
      fireEvent.click(screen.getByRole('button', { name }));
      await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/\.(json|html|csv)$/));
      await waitFor(() => expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(false));
    }
    const pages = [records[2], records[1], records[0]].map(recordPage);
    const report = buildReport(pages, '0.1.0', new Date('2026-01-03T00:00:00Z'), { site: 'pro-medika.ru', options: { source: 'history' } });
    const csv = toCsv(report);
    expect(downloads.map((d) => d.text)).toEqual([
      toJson(report),
      toHtml(report),
      ...(['pages', 'cookies', 'requests', 'findings'] as const).map((p) => `\ufeff${csv[p]}`),
    ]);
  });

  it('the status counts up the pages and megabytes written while the file is written', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { downloads } = setup({
      readHistory: async (ids, onBatch) => {
        onBatch([URO, HOME_NEW]);
        await held;
        onBatch([HOME_OLD]);
        return { skipped: 0 };
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'JSON (report.json)' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Готовится файл: страниц 2, записано \d+\.\d МБ…$/));
    expect(downloads).toHaveLength(0);
    release();
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect((screen.getByRole('button', { name: 'JSON (report.json)' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('export buttons are disabled when no page is shown', () => {
    setup();
    fireEvent.input(screen.getByLabelText('Адрес или заголовок содержит'), { target: { value: 'zzz' } });
    expect((screen.getByRole('button', { name: 'JSON (report.json)' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('audit page: storage and settings', () => {
  it('shows the storage used and deletes one page from the list', async () => {
    const { props } = setup();
    expect(screen.getByTestId('storage-used').textContent).toContain('Хранится записей: 3, примерно 3,0 КБ');
    fireEvent.click(screen.getByRole('button', { name: 'Удалить запись: Урология' }));
    await waitFor(() => expect(props.onDelete).toHaveBeenCalledWith('uro'));
  });

  it('"delete everything" asks for confirmation first; cancel keeps the history', async () => {
    const { props } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Удалить всю историю' }));
    expect(screen.getByText('Удалить все записи (3)? Это нельзя отменить.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Да, удалить всё'));
    fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
    expect(props.onClear).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Удалить всю историю' }));
    fireEvent.click(screen.getByRole('button', { name: 'Да, удалить всё' }));
    await waitFor(() => expect(screen.getByTestId('storage-status').textContent).toBe('История удалена.'));
    expect(props.onClear).toHaveBeenCalledTimes(1);
  });

  it('saves the history settings (on/off, retention, size cap) and rejects bad values', async () => {
    const { props } = setup();
    const form = screen.getByTestId('settings');
    fireEvent.input(within(form).getByLabelText('Хранить дней (1–3650)'), { target: { value: '0' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByTestId('storage-status').textContent).toContain('Проверьте значения'));
    expect(props.onSaveSettings).not.toHaveBeenCalled();
    fireEvent.input(within(form).getByLabelText('Хранить дней (1–3650)'), { target: { value: '30' } });
    fireEvent.input(within(form).getByLabelText('Предел объёма, МБ (1–1000)'), { target: { value: '10' } });
    fireEvent.click(within(form).getByLabelText('Вести историю страниц'));
    fireEvent.submit(form);
    await waitFor(() => expect(screen.getByTestId('storage-status').textContent).toBe('Настройки сохранены.'));
    expect(props.onSaveSettings).toHaveBeenCalledWith({ enabled: false, retentionDays: 30, maxBytes: 10 * 1024 * 1024 });
  });

  it('reports a failed action instead of throwing', async () => {
    setup({ onDelete: async () => Promise.reject(new Error('quota')) });
    fireEvent.click(screen.getByRole('button', { name: 'Удалить запись: Урология' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Действие не выполнено: quota'));
  });
});

describe('audit page: English', () => {
  it('renders in English with the same data', () => {
    setup({}, 'en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Audit and page history');
    const uro = document.querySelector('tr[data-id="uro"]') as HTMLElement;
    expect(within(uro).getByText('high: 1')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Details: Урология' })).toBeTruthy();
  });
});
