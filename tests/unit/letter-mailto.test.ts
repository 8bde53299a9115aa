import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeLetter } from '../../policy/letter/compose';
import {
  buildMailto,
  buildWebmailLink,
  CLIPBOARD_NOTICE,
  encodeHfvalue,
  MAILTO_SAFE_LENGTH,
  parseMailto,
} from '../../policy/letter/mailto';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { sender, YANDEX } from './golden/letter/fixtures';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

describe('mailto', () => {
  it('encodes Cyrillic, CRLF, &, +, quotes, # and %', () => {
    const { href, truncated } = buildMailto('info@pro-medika.ru', 'Тема & "план" #1', "строка 1\nA+B=100% 'x'\r\nend");
    expect(truncated).toBe(false);
    expect(href.startsWith('mailto:info@pro-medika.ru?subject=')).toBe(true);
    expect(href).toContain('%0D%0A');
    expect(href).not.toMatch(/[ \r\n"'#+]/);
    expect(href).toContain('%26');
    expect(href).toContain('%2B');
    expect(href).toContain('%25');
    expect(href).toContain('%23');
    expect(href).toContain('%27');
    expect(href.split('&').length).toBe(2); // only the separator between subject and body
    expect(encodeHfvalue("!'()*")).toBe('%21%27%28%29%2A');
  });

  it('round trip: decoding the href gives back exactly the letter (property)', () => {
    const nameArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
    const localArb = fc.stringMatching(/^[a-z0-9]{1,8}(\+[a-z0-9]{1,5})?('[a-z]{1,4})?$/);
    const textArb = fc.array(
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('&', '+', '"', "'", '#', '%', '\n', '\r\n', '=', '?', 'Ё')),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(nameArb, localArb, textArb, (name, local, parts) => {
        const to = `${local}@example.ru`;
        const subject = `Запрос ${name}`.replace(/[\r\n]/g, ' ');
        const body = `От: ${name}\n${parts.join('')}`.replace(/\r\n|\r/g, '\n');
        const { href, truncated } = buildMailto(to, subject, body, NO_LIMIT);
        expect(truncated).toBe(false);
        expect(href).not.toMatch(/[\s"'<>]/);
        const back = parseMailto(href);
        expect(back).toEqual({ to, subject, body });
      }),
      { numRuns: 300 },
    );
  });

  it('round trips a real letter with a sender name full of special characters', () => {
    const s = sender({ fullName: `Д'Артаньян & "Ко" +7 #1 100%` });
    const letter = composeLetter({
      operator: operatorFromPolicy(),
      sender: s,
      demands: ['stop-tracking', 'info-request'],
      observed: [YANDEX],
      today: '2026-12-28',
    });
    const { href } = buildMailto('info@pro-medika.ru', letter.subject, letter.body, NO_LIMIT);
    expect(parseMailto(href)).toEqual({ to: 'info@pro-medika.ru', subject: letter.subject, body: letter.body });
  });

  it('shortens the body above the safe length and says the text was copied', () => {
    const letter = composeLetter({
      operator: operatorFromPolicy(),
      sender: sender(),
      demands: ['stop-tracking'],
      observed: [YANDEX],
      today: '2026-12-28',
    });
    const res = buildMailto('info@pro-medika.ru', letter.subject, letter.body);
    expect(res.truncated).toBe(true);
    expect(res.href.length).toBeLessThanOrEqual(MAILTO_SAFE_LENGTH);
    const back = parseMailto(res.href);
    expect(back.body).toBe(CLIPBOARD_NOTICE);
    expect(back.subject).toBe(letter.subject);
    const short = buildMailto('info@pro-medika.ru', 'Тема', 'Коротко');
    expect(short.truncated).toBe(false);
  });

  it('builds web-mail compose links for Gmail, Yandex and Mail.ru', () => {
    const g = new URL(buildWebmailLink('gmail', 'info@pro-medika.ru', 'Тема & +', 'a\nб').href);
    expect(g.origin + g.pathname).toBe('https://mail.google.com/mail/');
    expect(g.searchParams.get('view')).toBe('cm');
    expect(g.searchParams.get('to')).toBe('info@pro-medika.ru');
    expect(g.searchParams.get('su')).toBe('Тема & +');
    expect(g.searchParams.get('body')).toBe('a\nб');
    const y = new URL(buildWebmailLink('yandex', 'info@pro-medika.ru', 'S', 'B').href);
    expect(y.host).toBe('mail.yandex.ru');
    expect(y.searchParams.get('subject')).toBe('S');
    const m = new URL(buildWebmailLink('mailru', 'info@pro-medika.ru', 'S', 'B').href);
    expect(m.host).toBe('e.mail.ru');
    expect(m.searchParams.get('body')).toBe('B');
    const long = buildWebmailLink('gmail', 'info@pro-medika.ru', 'S', 'я'.repeat(5000));
    expect(long.truncated).toBe(true);
    expect(new URL(long.href).searchParams.get('body')).toBe(CLIPBOARD_NOTICE);
  });
});
