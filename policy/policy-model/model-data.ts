/**
 * The policy model's data (issue #3), kept apart from its zod schema (model.ts) so that
 * request.html can address the letter from it without loading zod (budget 40 KB gzip,
 * issue #14). model.ts validates this object at load; tests/unit/policy-model.test.ts checks
 * every quote against the published text.
 */

const S_INTRO = 'Политика конфиденциальности';
const S_TERMS = 'Термины и определения';
const S_PROCESSING = 'Обработка персональных данных пользователей Сайта';
const S_STORAGE = 'Хранение персональных данных';
const S_USE = 'Использование персональной информации:';
const S_PROTECTION = 'Защита персональной информации:';
const S_NONPERSONAL = 'Сбор и использование информации, не являющейся персональной:';
const S_CONSENT = 'Согласие с условиями политики конфиденциальности:';

const OPERATOR_QUOTE =
  'Администрация сайта – сети Клиник «Промедика», 630061, г. Новосибирск, ул. Гребенщикова, 1, 630040, г. Новосибирск, ул. Кубовая, 96. Телефон: 7 (383) 309-26-28';
const STOP_QUOTE =
  'Пользователь имеет право в любой момент потребовать от Администрации Сайта прекращения обработки его персональных данных, отправив запрос на e-mail: info@pro-medika.ru';

export const rawModel = {
  site: 'pro-medika.ru',
  title: 'Политика конфиденциальности Посетителей интернет-сайта',
  clauses: [
    {
      id: 'scope.site-and-app',
      section: S_INTRO,
      title: { ru: 'К чему относится политика', en: 'What the policy covers' },
      quotes: ['Политика конфиденциальности относится к Сайту, мобильному приложению, и ко всем сервисам, предлагаемым на них.'],
    },
    {
      id: 'definitions.personal-data',
      section: S_TERMS,
      title: { ru: 'Что такое персональные данные', en: 'What personal data is' },
      quotes: [
        'Персональные данные – любая информация, относящаяся к прямо или косвенно определенному или определяемому физическому лицу (гражданину).',
        'сведения о состоянии здоровья',
      ],
    },
    {
      id: 'operator.details',
      section: S_TERMS,
      title: { ru: 'Оператор: название, адреса, телефон', en: 'Operator: name, addresses, phone' },
      quotes: [OPERATOR_QUOTE],
    },
    {
      id: 'principles.purpose-limitation',
      section: S_PROCESSING,
      title: { ru: 'Обработка только для заранее определённых целей', en: 'Processing only for purposes defined in advance' },
      quotes: ['ограничения обработки персональных данных достижением конкретных, заранее определенных и законных целей'],
    },
    {
      id: 'security.measures',
      section: S_PROCESSING,
      title: { ru: 'Меры защиты данных', en: 'Data protection measures' },
      quotes: [
        'предпринимаются необходимые и достаточные правовые, организационные и технические меры для защиты персональных данных от неправомерного или случайного доступа к ним',
      ],
    },
    {
      id: 'special-categories.none',
      section: S_PROCESSING,
      title: { ru: 'Нет обработки специальных категорий (здоровье)', en: 'No processing of special categories (health)' },
      quotes: ['Администрация Сайта не осуществляет обработку биометрических и специальных категорий персональных данных пользователей.'],
    },
    {
      id: 'storage.own-servers',
      section: S_STORAGE,
      title: { ru: 'Хранение на собственных серверах', en: "Storage on the company's own servers" },
      quotes: ['Персональные данные пользователей хранятся на собственных серверах Компании'],
    },
    {
      id: 'processing.necessary-only',
      section: S_USE,
      title: { ru: 'Только необходимые данные', en: 'Only the data that is needed' },
      quotes: [
        'Администрация Сайта осуществляет обработку только тех персональных данных, которые необходимы для оказания услуг пользователю, а также для надлежащего исполнения договоров, заключаемых с пользователями.',
      ],
    },
    {
      id: 'confidentiality',
      section: S_USE,
      title: { ru: 'Полная конфиденциальность', en: 'Full confidentiality' },
      quotes: [
        'Администрация Сайта гарантирует и обеспечивает полную конфиденциальность персональных данных пользователей, обрабатываемых при предоставлении доступа к функционалу Сайта',
      ],
    },
    {
      id: 'purposes.service-quality',
      section: S_USE,
      title: { ru: 'Цель: качество обслуживания', en: 'Purpose: quality of customer service' },
      quotes: [
        'Для повышения качества обслуживания клиентов. Предоставляемая информация помогает отвечать на запросы обслуживания клиентов.',
      ],
    },
    {
      id: 'purposes.functionality',
      section: S_USE,
      title: {
        ru: 'Цель: функциональность и понимание использования сайта',
        en: 'Purpose: functionality and understanding how the site is used',
      },
      quotes: [
        'Для повышения функциональности и качества сервиса компании, понимания использования ресурсов на Сайте и мобильном приложении.',
      ],
    },
    {
      id: 'purposes.feedback',
      section: S_USE,
      title: { ru: 'Цель: обратная связь', en: 'Purpose: feedback' },
      quotes: [
        'Для усовершенствования работы Сайта мы можем использовать обратную связь, которую пользователи нам предоставили с целью улучшить представляемые нами услуги.',
      ],
    },
    {
      id: 'purposes.contact-sms-email-calls',
      section: S_USE,
      title: { ru: 'Цель: SMS, письма и звонки', en: 'Purpose: SMS, e-mails and calls' },
      quotes: [
        'Для отправки смс-сообщений, писем и звонков мы можем использовать указанный в сервисах Пользователем номер телефона или e-mail.',
      ],
    },
    {
      id: 'mailings.consent-only',
      section: S_USE,
      title: { ru: 'Рассылки только с согласия', en: 'Mailings only with consent' },
      quotes: [
        'Осуществление информационных, новостных и рекламных рассылок в адрес пользователя производится Администрацией Сайта только в том случае, если имеется согласие пользователя на получение таких рассылок.',
        'Пользователь в любой момент может отказаться от любых рассылок',
      ],
    },
    {
      id: 'transfer.third-parties',
      section: S_USE,
      title: { ru: 'Передача третьим лицам: только в перечисленных случаях', en: 'Transfer to third parties: only in the listed cases' },
      quotes: [
        'Администрация Сайта вправе передавать персональные данные пользователей третьим лицам в следующих случаях:',
        'Пользователь явно выразил свое согласие на такие действия.',
        'Передача необходима для исполнения договора, заключенного с пользователем.',
        'Передача предусмотрена действующим законодательством.',
      ],
    },
    {
      id: 'rights.stop-processing',
      section: S_USE,
      title: { ru: 'Право потребовать прекратить обработку', en: 'Right to demand a stop to processing' },
      quotes: [STOP_QUOTE],
    },
    {
      id: 'protection.art19',
      section: S_PROTECTION,
      title: { ru: 'Защита по ст. 19 152-ФЗ', en: 'Protection under art. 19 of 152-FZ' },
      quotes: [
        'для обеспечения защиты Ваших персональных данных в соответствии со ст. 19 Федерального закона от 27.07.2006 N 152-ФЗ «О персональных данных»',
      ],
    },
    {
      id: 'collection.non-personal',
      section: S_NONPERSONAL,
      title: { ru: 'Сбор информации, названной в политике неперсональной', en: 'Collection of "non-personal" information' },
      quotes: [
        'На Сайте производится сбор информации, не являющейся персональной − данные, не позволяющие прямо ассоциировать их с каким-либо определённым лицом: версию браузера пользователя, как, например, ip-адрес, версия операционной системы, или информация об интернет-провайдерах.',
      ],
    },
    {
      id: 'ads.audiences',
      section: S_NONPERSONAL,
      title: { ru: 'Настройка рекламных систем', en: 'Setting up advertising systems' },
      quotes: [
        'Мы используем обезличенные, общие данные о целевых аудиториях при настройках рекламных систем, таких как: Яндекс Директ, Google Adwords, MyTarget, VK Target и т.п.',
      ],
    },
    {
      id: 'cookies.technologies',
      section: S_NONPERSONAL,
      title: { ru: 'Cookie, пиксели и веб-маяки', en: 'Cookies, pixel tags and web beacons' },
      quotes: [
        'Сайт может использовать cookies (куки-файлы), которые он заносит на жесткий диск компьютера Пользователя и иные технологии, такие как: пиксельные ярлыки (pixel tags), веб-маяки (web beacons).',
        'Их задача фиксировать все посещения Пользователя на Сайте.',
        'Такие технологии помогают лучше понимать поведение пользователей, сообщают, какие разделы нашего сайта были посещены пользователями, и измеряют эффективность рекламы и поисковых систем.',
      ],
    },
    {
      id: 'cookies.aggregate-non-personal',
      section: S_NONPERSONAL,
      title: { ru: 'Информация, названная в политике обобщённой и неперсональной', en: 'Information "aggregated", "not personal"' },
      quotes: ['Данная информация поступает в обобщенном виде и не является персональной.'],
    },
    {
      id: 'cookies.browser-opt-out',
      section: S_NONPERSONAL,
      title: { ru: 'Отказ от cookie в настройках браузера', en: 'Refusing cookies in browser settings' },
      quotes: [
        'Пользователь может выбрать в настройках своего браузера отказ от cookies, или предупредить нас о нежелании отправки cookies, но в этом случае возможны сбои в работе некоторых страниц Сайта.',
      ],
    },
    {
      id: 'consent.by-use',
      section: S_CONSENT,
      title: { ru: 'Согласие через использование сайта', en: 'Consent "by using the site"' },
      quotes: [
        'Используя Сайт, вы выражаете свое согласие с нашей политикой конфиденциальности.',
        'Ваше дальнейшее использование Сайта после внесения изменений в этой политике будет рассматриваться, как согласие с этими изменениями.',
      ],
    },
    {
      id: 'contact.questions',
      section: S_CONSENT,
      title: { ru: 'Контакты для вопросов', en: 'Contact for questions' },
      quotes: [
        'Если у вас есть вопросы по поводу данной Политики конфиденциальности, свяжитесь с нами по адресу: info@pro-medika.ru или лично 630061, г. Новосибирск, ул. Гребенщикова, 1',
      ],
    },
  ],
  purposes: [
    {
      id: 'purposes.service-quality',
      label: { ru: 'Качество обслуживания клиентов', en: 'Quality of customer service' },
      clauses: ['purposes.service-quality'],
    },
    {
      id: 'purposes.functionality',
      label: { ru: 'Функциональность сайта и понимание его использования', en: 'Site functionality and understanding of its use' },
      clauses: ['purposes.functionality'],
    },
    {
      id: 'purposes.feedback',
      label: { ru: 'Обратная связь для улучшения услуг', en: 'Feedback to improve services' },
      clauses: ['purposes.feedback'],
    },
    {
      id: 'purposes.contact-sms-email-calls',
      label: { ru: 'SMS, письма и звонки пользователю', en: 'SMS, e-mails and calls to the user' },
      clauses: ['purposes.contact-sms-email-calls'],
    },
    {
      id: 'mailings.consent-only',
      label: { ru: 'Рассылки (только с согласия)', en: 'Mailings (only with consent)' },
      clauses: ['mailings.consent-only'],
    },
    {
      id: 'cookies.technologies',
      label: { ru: 'Учёт посещений и измерение эффективности рекламы', en: 'Recording visits and measuring advertising' },
      clauses: ['cookies.technologies', 'cookies.aggregate-non-personal'],
    },
    {
      id: 'ads.audiences',
      label: { ru: 'Настройка рекламных систем по аудиториям', en: 'Audience targeting in advertising systems' },
      clauses: ['ads.audiences'],
    },
  ],
  dataCollected: [
    {
      id: 'browser-version',
      label: { ru: 'Версия браузера', en: 'Browser version' },
      quote: 'версию браузера пользователя',
      clauses: ['collection.non-personal'],
      personalPerPolicy: false,
    },
    {
      id: 'ip-address',
      label: { ru: 'IP-адрес', en: 'IP address' },
      quote: 'ip-адрес',
      clauses: ['collection.non-personal'],
      personalPerPolicy: false,
    },
    {
      id: 'os-version',
      label: { ru: 'Версия операционной системы', en: 'Operating system version' },
      quote: 'версия операционной системы',
      clauses: ['collection.non-personal'],
      personalPerPolicy: false,
    },
    {
      id: 'isp',
      label: { ru: 'Интернет-провайдер', en: 'Internet provider' },
      quote: 'информация об интернет-провайдерах',
      clauses: ['collection.non-personal'],
      personalPerPolicy: false,
    },
    {
      id: 'visits',
      label: { ru: 'Посещения сайта (cookie)', en: 'Site visits (cookies)' },
      quote: 'фиксировать все посещения Пользователя на Сайте',
      clauses: ['cookies.technologies'],
      personalPerPolicy: false,
    },
    {
      id: 'phone-email',
      label: { ru: 'Телефон или e-mail', en: 'Phone number or e-mail' },
      quote: 'номер телефона или e-mail',
      clauses: ['purposes.contact-sms-email-calls'],
      personalPerPolicy: true,
    },
    {
      id: 'feedback',
      label: { ru: 'Обратная связь', en: 'Feedback' },
      quote: 'обратную связь, которую пользователи нам предоставили',
      clauses: ['purposes.feedback'],
      personalPerPolicy: true,
    },
  ],
  operator: {
    name: { value: 'сети Клиник «Промедика»', quote: OPERATOR_QUOTE, clause: 'operator.details' },
    addresses: [
      { value: '630061, г. Новосибирск, ул. Гребенщикова, 1', quote: OPERATOR_QUOTE, clause: 'operator.details' },
      { value: '630040, г. Новосибирск, ул. Кубовая, 96', quote: OPERATOR_QUOTE, clause: 'operator.details' },
    ],
    phone: { value: '7 (383) 309-26-28', quote: OPERATOR_QUOTE, clause: 'operator.details' },
    email: { value: 'info@pro-medika.ru', quote: STOP_QUOTE, clause: 'rights.stop-processing' },
  },
};
