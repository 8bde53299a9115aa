import type { Page } from '@playwright/test';

/**
 * Page interactions of the audit command (issue #5): accepting the cookie notice and
 * filling forms with known test values. Both act as a visitor would (real clicks and
 * keyboard input, so the events are trusted and the content script sees them).
 */

/** The known test values typed by --fill-forms (the findings engine looks for them in third-party requests). */
export const TEST_VALUES = {
  name: 'Иван Тестов',
  phone: '+7 913 123-45-67',
  email: 'qa.test+audit@example.org',
  text: 'Тестовая заявка аудита, не обрабатывать',
} as const;

/** Accept texts of cookie notices (Russian first). */
export const ACCEPT_TEXT_RE =
  /^\s*(принять|принимаю|согласен|согласна|соглашаюсь|я согласен|хорошо|понятно|ок|ok|accept|accept all|i agree|agree|allow)\b/i;

/** Explicit accept buttons, tried first. */
export const ACCEPT_SELECTORS = [
  '#cookie-accept',
  '#cookies-accept',
  '#accept-cookies',
  '.cookie-accept',
  '[data-cookie-accept]',
  '[data-action="accept-cookies"]',
];

/**
 * Clicks the cookie notice's accept button when one is visible: an explicit selector, or a
 * button whose text says "accept" inside an element whose id or class mentions cookie.
 * Returns a description of what was clicked, or null when there was no notice.
 */
export async function acceptConsent(page: Page): Promise<string | null> {
  for (const sel of ACCEPT_SELECTORS) {
    const el = page.locator(sel).first();
    if ((await el.count()) && (await el.isVisible().catch(() => false))) {
      await el.click({ timeout: 5000 });
      return sel;
    }
  }
  const candidates = page.locator(
    ':is([id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i]) :is(button, a, [role="button"], input[type="button"], input[type="submit"])',
  );
  const n = Math.min(await candidates.count(), 20);
  for (let i = 0; i < n; i++) {
    const el = candidates.nth(i);
    if (!(await el.isVisible().catch(() => false))) continue;
    const text = ((await el.textContent()) || (await el.getAttribute('value')) || '').trim();
    if (!ACCEPT_TEXT_RE.test(text)) continue;
    await el.click({ timeout: 5000 });
    return `button "${text.slice(0, 40)}"`;
  }
  return null;
}

type FieldRole = 'email' | 'phone' | 'name' | 'text' | 'checkbox' | null;

interface FieldInfo {
  index: number;
  role: FieldRole;
}

export interface FilledForm {
  /** The form's action (absolute URL). */
  action: string;
  fields: string[];
  submitted: boolean;
}

/**
 * Types the test values into every visible form of the page and submits it. The submit
 * event reaches the page's own handlers (where tags pick up the values), but the browser's
 * default action, posting to the clinic's server, is cancelled: an audit must never create
 * real appointments, and the page record must go on after the submit.
 */
export async function fillForms(
  page: Page,
  opts: { maxForms?: number; settle?: (page: Page) => Promise<void> } = {},
): Promise<FilledForm[]> {
  const out: FilledForm[] = [];
  const forms = page.locator('form');
  const count = Math.min(await forms.count(), opts.maxForms ?? 5);
  // A bubbling listener on window runs after the page's own submit handlers (a second one,
  // when called twice on a page, does no harm; no global marks the page).
  await page.evaluate(() => window.addEventListener('submit', (e) => e.preventDefault()));
  for (let f = 0; f < count; f++) {
    const form = forms.nth(f);
    if (!(await form.isVisible().catch(() => false))) continue;
    const action = await form.evaluate((el) => (el as HTMLFormElement).action);
    const infos: FieldInfo[] = await form.evaluate((el) => {
      const nameRe = /(^|[^a-z])(name|fio|first.?name|last.?name)([^a-z]|$)|имя|фио/i;
      const phoneRe = /phone|tel|mobile|телефон/i;
      const mailRe = /e-?mail|почта/i;
      return [...(el as HTMLFormElement).querySelectorAll('input, textarea')].map((node, index) => {
        const i = node as HTMLInputElement;
        const type = (i.getAttribute('type') ?? (node.tagName === 'TEXTAREA' ? 'textarea' : 'text')).toLowerCase();
        const id = `${i.name} ${i.id} ${i.getAttribute('autocomplete') ?? ''} ${i.getAttribute('placeholder') ?? ''}`;
        let role: 'email' | 'phone' | 'name' | 'text' | 'checkbox' | null = null;
        if (i.disabled || i.readOnly) role = null;
        else if (type === 'email' || mailRe.test(id)) role = 'email';
        else if (type === 'tel' || phoneRe.test(id)) role = 'phone';
        else if (type === 'checkbox')
          role = i.required || /consent|agree|соглас/i.test(`${id} ${i.closest('label')?.textContent ?? ''}`) ? 'checkbox' : null;
        else if ((type === 'text' || type === 'search' || type === 'textarea') && nameRe.test(id)) role = 'name';
        else if ((type === 'text' || type === 'textarea') && i.required) role = 'text';
        return { index, role };
      });
    });
    const inputs = form.locator('input, textarea');
    const filled: string[] = [];
    for (const info of infos) {
      if (!info.role) continue;
      const el = inputs.nth(info.index);
      if (!(await el.isVisible().catch(() => false))) continue;
      const name = (await el.getAttribute('name')) || (await el.getAttribute('id')) || info.role;
      if (info.role === 'checkbox') {
        await el.check({ timeout: 3000 }).catch(() => {});
        continue;
      }
      const value =
        info.role === 'email'
          ? TEST_VALUES.email
          : info.role === 'phone'
            ? TEST_VALUES.phone
            : info.role === 'name'
              ? TEST_VALUES.name
              : TEST_VALUES.text;
      await el.click({ timeout: 3000 });
      await el.fill('');
      await el.pressSequentially(value, { delay: 5 });
      await el.dispatchEvent('change');
      filled.push(name);
    }
    let submitted = false;
    if (filled.length) {
      const button = form.locator('button[type="submit"], input[type="submit"], button:not([type])').first();
      if ((await button.count()) && (await button.isVisible().catch(() => false))) {
        await button.click({ timeout: 5000 });
        submitted = true;
      } else {
        submitted = await form.evaluate((el) => {
          const fe = el as HTMLFormElement;
          if (!fe.checkValidity()) return false;
          fe.requestSubmit();
          return true;
        });
      }
    }
    out.push({ action, fields: filled, submitted });
  }
  // Tags send what they picked up on submit (and Webvisor its recorded chunks) right after.
  if (out.some((f) => f.submitted)) await opts.settle?.(page);
  return out;
}
