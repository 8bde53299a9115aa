import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { composeLetter } from '../../policy/letter/compose';
import { buildEml, emlFileName } from '../../policy/letter/eml';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { sender, VK, YANDEX } from './golden/letter/fixtures';

describe('.eml draft', () => {
  const s = sender({ fullName: 'Иванова "Анна" <Петровна>' });
  const letter = composeLetter({
    operator: operatorFromPolicy(),
    sender: s,
    demands: ['stop-tracking', 'withdraw-consent', 'info-request'],
    observed: [YANDEX, VK],
    today: '2026-12-28',
  });
  const raw = buildEml({
    from: { addr: s.email, name: s.fullName },
    to: 'info@pro-medika.ru',
    subject: letter.subject,
    body: letter.body,
    date: new Date('2026-12-28T09:00:00Z'),
  });

  it('is RFC 5322 with CRLF, an encoded-word subject, UTF-8 and X-Unsent', () => {
    const [head] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^Subject: =\?utf-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
    expect(head).toMatch(/^X-Unsent: 1$/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Date: Mon, 28 Dec 2026 09:00:00 \+0000$/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=UTF-8/);
    expect(raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/); // no bare LF
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    // eslint-disable-next-line no-control-regex
    expect(raw).toMatch(/^[\x00-\x7f]*$/); // 7-bit clean: everything non-ASCII is encoded
  });

  it('parses back with postal-mime to the same recipient, subject and body', async () => {
    const parsed = await PostalMime.parse(raw);
    expect(parsed.to?.map((a) => a.address)).toEqual(['info@pro-medika.ru']);
    expect(parsed.from?.address).toBe(s.email);
    expect(parsed.from?.name).toBe(s.fullName);
    expect(parsed.subject).toBe(letter.subject);
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(letter.body);
    expect(parsed.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
  });

  it('names the download file by date', () => {
    expect(emlFileName('2026-12-28')).toBe('zapros-152fz-2026-12-28.eml');
  });
});
