/**
 * The letter as an .eml draft (issue #4): RFC 5322, UTF-8, the subject as an RFC 2047
 * encoded-word, built with the maintained `mimetext` library (pinned 3.0.28), not by hand.
 *
 * We import "mimetext/browser" in every runtime: its environment uses js-base64 and CRLF
 * line ends, while the Node entry uses os.EOL (LF on Linux, not RFC 5322) and mime-types
 * (Node-only). js-base64 runs in Node too, so tests exercise the code that ships.
 *
 * "X-Unsent: 1" makes Outlook open the file as an unsent draft; Thunderbird opens .eml files
 * as messages and offers "Edit as new message". Names go in encoded-words by mimetext;
 * the body is base64 (UTF-8) so no line of Cyrillic text can break the 998-octet limit.
 */
import { createMimeMessage } from 'mimetext/browser';

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

function wrap76(b64: string): string {
  return b64.replace(/.{1,76}/g, (m) => m + '\r\n').replace(/\r\n$/, '');
}

export function buildEml(input: EmlInput): string {
  const msg = createMimeMessage();
  msg.setSender(input.from.name ? { addr: input.from.addr, name: input.from.name } : { addr: input.from.addr });
  msg.setTo({ addr: input.to });
  msg.setSubject(input.subject);
  msg.setHeader('Date', rfc5322Date(input.date ?? new Date()));
  msg.setHeader('X-Unsent', '1');
  msg.addMessage({
    contentType: 'text/plain',
    charset: 'UTF-8',
    encoding: 'base64',
    data: wrap76(msg.toBase64(input.body.replace(/\r\n|\r|\n/g, '\r\n'))),
  });
  return msg.asRaw();
}

/** A safe file name for the download, e.g. "zapros-152fz-2026-12-28.eml". */
export function emlFileName(isoDate: string): string {
  return `zapros-152fz-${isoDate.replace(/[^0-9-]/g, '')}.eml`;
}
