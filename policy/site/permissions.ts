/**
 * Host permissions the store build requires up front. Least privilege (issue #2): the site
 * itself, and the registrable domains of catalogue vendors whose cookies the extension must
 * read through the cookies API (Chrome requires host permission for a cookie's domain).
 * Broader access (<all_urls>) is optional and requested at runtime with a reason.
 *
 * tests/unit/permissions.test.ts fails when a catalogue vendor host is not covered here.
 * Plain data, no imports, because wxt.config.ts loads it at build time.
 */
export const permissionDomains = [
  'pro-medika.ru',
  // Yandex
  'yandex.ru',
  'yandex.com',
  'yandex.net',
  'yastatic.net',
  'webvisor.org',
  'webvisor.com',
  'adfox.ru',
  'yandexadexchange.net',
  // VK / Mail.ru
  'mail.ru',
  'vk.com',
  'vk.ru',
  'mradx.net',
  'imgsmail.ru',
  'userapi.com',
  'mytarget.com',
  'my.com',
  // Google
  'google.com',
  'google.ru',
  'googletagmanager.com',
  'google-analytics.com',
  'googleadservices.com',
  'doubleclick.net',
  'googlesyndication.com',
  // Meta
  'facebook.com',
  'facebook.net',
  // Russian call tracking, chat and CRM
  'calltouch.ru',
  'roistat.com',
  'comagic.ru',
  'uiscom.ru',
  'jivo.ru',
  'jivosite.com',
  'jivochat.com',
  'bitrix24.ru',
  'bitrix.info',
  'callibri.ru',
  'envybox.io',
  'callbackkiller.com',
  'callbackhunter.com',
  'callhunter.com',
  'mango-office.ru',
  'carrotquest.io',
  'carrotquest.app',
  'prodoctorov.ru',
] as const;

export const requiredHostPermissions: string[] = [...new Set(permissionDomains.map((d) => `*://*.${d}/*`))];
