/**
 * mailto: and web-mail compose links (issue #4 "Delivery, the one click").
 *
 * Encoding follows RFC 6068: hfvalues are percent-encoded UTF-8 (encodeURIComponent, plus
 * !'()* which it leaves alone but some handlers mangle), and line breaks in the body are
 * CRLF, encoded %0D%0A (RFC 6068 §5). The letter is composed with "\n"; parseMailto turns
 * CRLF back into "\n", so decoding the href gives back exactly the previewed letter.
 *
 * Length: mailto URLs are passed to the OS handler, and some handlers cut long ones: Windows
 * shell handlers and Outlook are known to fail or truncate around 2,000 characters (the
 * classic 2,083-character URL limit of Internet Explorer / WinINet, which Outlook's mailto
 * handling inherits). A Cyrillic letter grows about 6x when percent-encoded, so a full
 * letter rarely fits. Above MAILTO_SAFE_LENGTH the link carries a short body saying that
 * the full text was copied to the clipboard; the caller copies it when the link is clicked
 * and tells the user (truncated: true).
 *
 * Web-mail links are URLs the user opens in a tab; the extension itself makes no request.
 */

export const MAILTO_SAFE_LENGTH = 1800;

/**
 * Web-mail compose URLs are ordinary GET requests; many front-end servers reject request
 * lines above 8 KB (nginx's default large_client_header_buffers is 8k), so keep below that.
 */
export const WEBMAIL_SAFE_LENGTH = 7500;

/** Placed in the body instead of the letter when the URL would be too long. */
export const CLIPBOARD_NOTICE =
  'Полный текст письма скопирован в буфер обмена. Удалите этот текст, вставьте письмо (Ctrl+V или Cmd+V), проверьте его и отправьте.';

/** encodeURIComponent plus the sub-delims it leaves unencoded. */
export function encodeHfvalue(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Any line break (CRLF, CR, LF) becomes CRLF (RFC 6068 §5). */
export function toCrlf(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '\r\n');
}

function encodeAddress(to: string): string {
  // "@" may stay literal in a mailto addr-spec (RFC 6068 §2); everything else is encoded.
  return encodeHfvalue(to.trim()).replace(/%40/g, '@');
}

export interface LinkResult {
  href: string;
  /** The body in the link is the short clipboard notice, not the letter. */
  truncated: boolean;
}

function mailtoHref(to: string, subject: string, body: string): string {
  return `mailto:${encodeAddress(to)}?subject=${encodeHfvalue(subject)}&body=${encodeHfvalue(toCrlf(body))}`;
}

export function buildMailto(to: string, subject: string, body: string, limit = MAILTO_SAFE_LENGTH): LinkResult {
  const full = mailtoHref(to, subject, body);
  if (full.length <= limit) return { href: full, truncated: false };
  return { href: mailtoHref(to, subject, CLIPBOARD_NOTICE), truncated: true };
}

export interface ParsedMailto {
  to: string;
  subject: string;
  body: string;
}

/** Decodes a mailto href (CRLF -> "\n"). Inverse of buildMailto for untruncated links. */
export function parseMailto(href: string): ParsedMailto {
  if (!href.startsWith('mailto:')) throw new Error('not a mailto URL');
  const rest = href.slice('mailto:'.length);
  const q = rest.indexOf('?');
  const to = decodeURIComponent(q === -1 ? rest : rest.slice(0, q));
  const out: ParsedMailto = { to, subject: '', body: '' };
  if (q !== -1) {
    for (const pair of rest.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      const key = decodeURIComponent(eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
      const value = eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1));
      if (key === 'subject') out.subject = value;
      if (key === 'body') out.body = value.replace(/\r\n/g, '\n');
    }
  }
  return out;
}

export type Webmail = 'gmail' | 'yandex' | 'mailru';

export const WEBMAIL_LABELS: Record<Webmail, { ru: string; en: string }> = {
  gmail: { ru: 'Gmail', en: 'Gmail' },
  yandex: { ru: 'Яндекс Почта', en: 'Yandex Mail' },
  mailru: { ru: 'Почта Mail.ru', en: 'Mail.ru' },
};

function webmailHref(kind: Webmail, to: string, subject: string, body: string): string {
  const e = encodeHfvalue;
  // Web forms take "\n" line breaks; CRLF would show doubled blank lines in some of them.
  switch (kind) {
    case 'gmail':
      return `https://mail.google.com/mail/?view=cm&fs=1&to=${e(to)}&su=${e(subject)}&body=${e(body)}`;
    case 'yandex':
      return `https://mail.yandex.ru/compose?to=${e(to)}&subject=${e(subject)}&body=${e(body)}`;
    case 'mailru':
      return `https://e.mail.ru/compose/?to=${e(to)}&subject=${e(subject)}&body=${e(body)}`;
  }
}

/** A web-mail compose link; shortened with the clipboard notice when too long. */
export function buildWebmailLink(kind: Webmail, to: string, subject: string, body: string, limit = WEBMAIL_SAFE_LENGTH): LinkResult {
  const full = webmailHref(kind, to, subject, body);
  if (full.length <= limit) return { href: full, truncated: false };
  return { href: webmailHref(kind, to, subject, CLIPBOARD_NOTICE), truncated: true };
}
