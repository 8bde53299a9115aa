/**
 * The letter as an .eml draft (issue #4): RFC 5322 with CRLF line ends, one text/plain part in
 * UTF-8, base64 (RFC 2045) so no line of Cyrillic text can break the 998-octet limit, and the
 * subject and sender's name as RFC 2047 encoded-words. Written here rather than with a MIME
 * library: one fixed single-part message needs a few headers, and the library (with its
 * base64 and core-js polyfills) was half of request.html's 40 KB gzip budget (issue #14).
 * tests/unit/letter-eml.test.ts parses the result back with postal-mime.
 *
 * "X-Unsent: 1" makes Outlook open the file as an unsent draft; Thunderbird opens .eml files
 * as messages and offers "Edit as new message".
 */

export interface EmlInput {
  from: { addr: string; name?: string };
  to: string;
  subject: string;
  body: string;
  /** The Date header; now when absent. */
  date?: Date;
}

/** RFC 5322 date-time, e.g. "Mon, 28 Dec 2026 09:00:00 +0000". */
export function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * A header text as RFC 2047 "B" encoded-words of at most 42 octets of UTF-8 each (68
 * characters, so "Subject: " and a word stay within 78), never splitting a character, folded
 * onto continuation lines.
 */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let part = '';
  for (const ch of text) {
    if (utf8(part + ch).length > 42) {
      words.push(part);
      part = '';
    }
    part += ch;
  }
  if (part || words.length === 0) words.push(part);
  return words.map((w) => `=?utf-8?B?${base64(utf8(w))}?=`).join('\r\n ');
}

/** An address with an ASCII domain (IDNA via the URL parser: почта.рф -> xn--80a1acny.xn--p1ai). */
function asciiAddress(addr: string): string {
  const at = addr.lastIndexOf('@');
  const domain = addr.slice(at + 1);
  // eslint-disable-next-line no-control-regex -- ASCII is what this tests for
  if (at < 0 || /^[\x00-\x7f]*$/.test(domain)) return addr;
  return `${addr.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
}

/** A display name and address; any name that is not plain letters, digits and spaces is encoded (the address then on a line of its own). */
function mailbox(addr: string, name?: string): string {
  const a = `<${asciiAddress(addr)}>`;
  if (!name) return a;
  return /^[A-Za-z0-9 ]+$/.test(name) ? `${name} ${a}` : `${encodedWords(name)}\r\n ${a}`;
}

export function buildEml(input: EmlInput): string {
  const from = asciiAddress(input.from.addr);
  const id = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}@${from.slice(from.lastIndexOf('@') + 1)}`;
  const body = base64(utf8(input.body.replace(/\r\n|\r|\n/g, '\r\n')))
    .replace(/.{1,76}/g, (m) => m + '\r\n')
    .replace(/\r\n$/, '');
  return [
    `Date: ${rfc5322Date(input.date ?? new Date())}`,
    `From: ${mailbox(input.from.addr, input.from.name)}`,
    `To: ${mailbox(input.to)}`,
    `Message-ID: <${id}>`,
    `Subject: ${encodedWords(input.subject)}`,
    'MIME-Version: 1.0',
    'X-Unsent: 1',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

/** A safe file name for the download, e.g. "zapros-152fz-2026-12-28.eml". */
export function emlFileName(isoDate: string): string {
  return `zapros-152fz-${isoDate.replace(/[^0-9-]/g, '')}.eml`;
}
