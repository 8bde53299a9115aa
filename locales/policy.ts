import type { Msg } from './messages';

/** UI strings of the policy area (keys prefixed policy_). Russian first. */
export const policyMessages = {
  policy_disclosure_named: { ru: 'Названо в политике', en: 'Named in the policy' },
  policy_disclosure_generic: { ru: 'Только общими словами', en: 'Only in general terms' },
  policy_disclosure_undisclosed: { ru: 'Не раскрыто в политике', en: 'Not disclosed in the policy' },
  policy_disclosure_contradicted: { ru: 'Возможное противоречие', en: 'Possible contradiction' },
  policy_disclosure_unknown: { ru: 'Не оценено', en: 'Not assessed' },
  policy_badge_aria: { ru: 'Раскрытие в политике: $1', en: 'Disclosure in the policy: $1' },
  policy_quotes_heading: { ru: 'Что сказано в политике', en: 'What the policy says' },
  policy_no_quote: { ru: 'В политике нет положения, которое бы это описывало.', en: 'The policy has no statement that describes this.' },
  policy_explanation_heading: { ru: 'Что это значит', en: 'What this means' },
  policy_contradictions_heading: { ru: 'Возможные противоречия', en: 'Possible contradictions' },
  policy_contradiction_note: {
    ru: 'Это не вывод о нарушении: наблюдение и цитата приведены, чтобы их можно было проверить.',
    en: 'This is not a finding of a violation: the observation and the quote are given so that they can be checked.',
  },
  policy_evidence_request: { ru: 'Запрос: $1', en: 'Request: $1' },
  policy_evidence_param: { ru: 'Где найдено: $1', en: 'Found in: $1' },
  policy_evidence_detail: { ru: 'Что найдено: $1', en: 'What was found: $1' },
  // Kept for records saved before identifiers stopped counting as a contradiction (issue 13).
  policy_rule_identifier_in_request: {
    ru: 'Постоянный идентификатор браузера передаётся сервису',
    en: 'A persistent browser identifier is sent to the service',
  },
  policy_rule_health_context: {
    ru: 'Адрес или заголовок медицинской страницы передан рекламной или аналитической сети (если по нему можно судить о здоровье посетителя)',
    en: "The address or title of a medical page was sent to an ad or analytics network (if the visitor's health can be inferred from it)",
  },
  policy_rule_personal_data_third_party: {
    ru: 'Введённые в форму данные или адрес e-mail переданы на серверы сторонней службы',
    en: "Data typed into a form, or an e-mail address, was sent to a third party's servers",
  },
  policy_rule_session_recording: {
    ru: 'Наблюдалась запись сеанса (Вебвизор)',
    en: 'Session recording (Webvisor) was observed',
  },
  policy_view_title: { ru: 'Политика конфиденциальности и что наблюдалось', en: 'The privacy policy and what was observed' },
  policy_purposes_heading: { ru: 'Заявленные цели и что им служит', en: 'Stated purposes and what serves them' },
  policy_unused_heading: { ru: 'Заявленные цели, которым ничего не служит', en: 'Stated purposes nothing observed serves' },
  policy_unmapped_heading: { ru: 'Не сопоставлено ни с одной заявленной целью', en: 'Not matched to any stated purpose' },
  policy_nothing_observed: { ru: 'На этой странице трекеры не обнаружены.', en: 'No trackers were observed on this page.' },
  policy_cookies_label: { ru: 'Cookie: $1', en: 'Cookies: $1' },
  policy_storage_label: { ru: 'Хранилище: $1', en: 'Storage: $1' },
  policy_version: { ru: 'Версия текста политики: $1', en: 'Policy text version: $1' },
  policy_changed: {
    ru: 'Текст политики на сайте изменился с момента проверки',
    en: 'The policy text on the site has changed since it was checked',
  },
  policy_tracker_count: { ru: 'Сервисов: $1', en: 'Services: $1' },
  // Policy-level observations (issue 13).
  policy_observations_heading: { ru: 'Что в политике сказано и чего в ней нет', en: 'What the policy says and leaves out' },
  policy_observations_note: {
    ru: 'Это наблюдения о тексте политики и нормах закона, а не юридические выводы.',
    en: 'These are observations about the policy text and the law, not legal conclusions.',
  },
  policy_observations_law: { ru: 'Нормы: $1', en: 'Provisions: $1' },
} satisfies Record<string, Msg>;
