import { countryLabel } from '../catalogue/recipient';
import type { Finding } from '../report/schema';

/**
 * The longer text of a cross-border-transfer finding: the facts from its evidence and the law,
 * hedged as research §7 labels it (art. 12 [V]; art. 18 part 5 as amended by 23-FZ [S]), never a
 * verdict (issue 13). Built when shown (HTML export, audit page) rather than
 * stored with every history record.
 */

export const CROSS_BORDER_LAW = ['152-ФЗ ст. 12', '152-ФЗ ст. 18 ч. 5 (в ред. 23-ФЗ, с 01.07.2025)'] as const;

/**
 * A neutral note on an organisation's legal status in Russia, hedged as the project's legal
 * research labels it ([S]: secondary sources). Keyed by catalogue organisation.
 */
export const ORGANIZATION_NOTES: Readonly<Record<string, { ru: string; en: string }>> = {
  'Meta Platforms, Inc.': {
    ru:
      'Справка: по данным вторичных источников, Meta Platforms, Inc. признана экстремистской организацией решением суда г. Москвы от 21.03.2022; ' +
      'с 1 сентября 2025 г. закон (72-ФЗ) ограничивает рекламу на ресурсах таких организаций. Это сведения о компании, а не оценка действий сайта.',
    en:
      'Note: according to secondary sources, Meta Platforms, Inc. was ruled an extremist organisation by a Moscow court on 21.03.2022; ' +
      'since 1 September 2025 a law (72-FZ) restricts advertising on resources of such organisations. This is a fact about the company, not a judgement of the site.',
  },
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The facts-and-law text of a cross-border-transfer finding; undefined for other kinds. */
export function crossBorderDetail(f: Pick<Finding, 'kind' | 'evidence'>): { ru: string; en: string } | undefined {
  if (f.kind !== 'cross-border-transfer') return undefined;
  const ev = f.evidence;
  const organization = str(ev.organization);
  const country = str(ev.country);
  const hosts = Array.isArray(ev.hosts) ? ev.hosts.filter((h): h is string => typeof h === 'string').join(', ') : '';
  const requests = typeof ev.requests === 'number' ? ev.requests : 0;
  const where = { ru: countryLabel(country, 'ru') ?? country, en: countryLabel(country, 'en') ?? country };
  const silent = ev.policyMentionsCrossBorder === false;
  const note = ORGANIZATION_NOTES[organization];
  return {
    ru:
      `Со страницы отправлено запросов: ${requests}, к ${hosts}; сервис принадлежит ${organization}, страна — ${where.ru}. ` +
      'Ст. 12 152-ФЗ с 1 марта 2023 г. требует уведомить Роскомнадзор до начала трансграничной передачи персональных данных; ' +
      'по данным вторичных источников, ч. 5 ст. 18 152-ФЗ (в ред. 23-ФЗ, с 1 июля 2025 г.) запрещает собирать персональные данные граждан России с использованием баз данных за рубежом.' +
      (silent ? ' Политика сайта о трансграничной передаче не упоминает.' : '') +
      ' Являются ли отправленные сведения персональными данными и подавал ли оператор уведомление, расширение не устанавливает; ' +
      'заявленную трансграничную передачу показывает реестр операторов Роскомнадзора.' +
      (note ? ` ${note.ru}` : ''),
    en:
      `Requests sent from the page: ${requests}, to ${hosts}; the service belongs to ${organization}, country: ${where.en}. ` +
      'Since 1 March 2023 art. 12 of 152-FZ requires notifying Roskomnadzor before a cross-border transfer of personal data; ' +
      'according to secondary sources, art. 18 part 5 of 152-FZ (as amended by 23-FZ, from 1 July 2025) forbids collecting personal data of Russian citizens using databases located abroad.' +
      (silent ? " The site's policy does not mention cross-border transfer." : '') +
      ' Whether what was sent is personal data, and whether the operator filed the notice, the extension does not establish; ' +
      "Roskomnadzor's register of operators shows declared cross-border transfers." +
      (note ? ` ${note.en}` : ''),
  };
}

/** The longer text of any finding that has one (today: cross-border-transfer). */
export function findingDetail(f: Pick<Finding, 'kind' | 'evidence'>): { ru: string; en: string } | undefined {
  return crossBorderDetail(f);
}
