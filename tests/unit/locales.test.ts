import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeFiles } from '../../locales/render';
import { messages } from '../../locales/messages';

const root = join(import.meta.dirname, '../..');

describe('i18n messages', () => {
  it('public/_locales matches locales/messages.ts (run npx tsx scripts/gen-locales.ts)', () => {
    const files = localeFiles();
    for (const lang of ['ru', 'en'] as const) {
      expect(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')).toBe(files[lang]);
    }
  });

  it('every key is a valid chrome.i18n name and every string has Russian and English text', () => {
    for (const [key, msg] of Object.entries(messages)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(msg.ru.trim(), key).not.toBe('');
      expect(msg.en.trim(), key).not.toBe('');
    }
  });

  it('placeholders survive chrome.i18n: "$1" is written as "$$1"', () => {
    const ru = JSON.parse(localeFiles().ru) as Record<string, { message: string }>;
    expect(ru.popup_summary.message).toContain('$$1');
    expect(ru.popup_summary.message.replace(/\$\$/g, '$')).toBe(messages.popup_summary.ru);
  });
});
