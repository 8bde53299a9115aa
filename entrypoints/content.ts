import { answerReportRequests } from '@/adapters/audit-bridge';
import { sendContent, sendResources } from '@/adapters/messaging';
import { activeSite } from '@/policy/site/pro-medika';
import { looksLikePolicyPage, mentionsPersonalDataOften } from '@/policy/site/policy-page';
import type { ObservedForm, ObservedStorage, PageSignals } from '@/policy/observation';

/**
 * Content script on the watched site: reports what only the page can see. It never reads
 * cookies (the background uses the cookies API) and sends nothing off the device.
 * - localStorage / sessionStorage keys (polled: a page's own writes fire no storage event
 *   in its own document, https://html.spec.whatwg.org/#the-storage-event);
 * - resource timing entries, so hosts webRequest cannot see without broad host access are
 *   still listed (store build);
 * - page signals: title, first user interaction, cookie-notice acceptance, forms, policy
 *   link, and on the policy page its text (compared with the bundled policy).
 */
const AUDIT = import.meta.env.MODE === 'audit';

export default defineContentScript({
  matches: activeSite.domains.flatMap((d) => [`*://${d}/*`, `*://*.${d}/*`]),
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    const top = window.top === window;
    // The Firefox e2e test reads the report through the page (adapters/audit-bridge.ts).
    if (AUDIT && top) answerReportRequests();
    const send = (msg: Parameters<typeof sendContent>[0]) => {
      if (ctx.isInvalid) return;
      sendContent(msg).catch(() => {});
    };

    // --- storage keys ---
    let lastStorageSig = '';
    const snapshotStorage = () => {
      const items: ObservedStorage[] = [];
      const read = (area: 'local' | 'session', st: Storage) => {
        for (let i = 0; i < st.length && items.length < 1000; i++) {
          const key = st.key(i);
          if (key === null) continue;
          const value = st.getItem(key) ?? '';
          items.push({ area, key, valueLength: value.length, valuePreview: value.slice(0, 256) });
        }
      };
      try {
        read('local', window.localStorage);
        read('session', window.sessionStorage);
      } catch {
        return; // storage blocked (e.g. sandboxed frame)
      }
      const sig = items.map((i) => `${i.area}:${i.key}:${i.valueLength}`).join('\n');
      if (sig === lastStorageSig) return;
      lastStorageSig = sig;
      send({ type: 'content/storage', items });
    };

    // --- resource timing ---
    // Only a fallback: when the background answers that webRequest sees every request (host
    // access to all sites), the observer is disconnected and nothing more is sent.
    let pending: { url: string; initiatorType: string; time: number }[] = [];
    let observer: PerformanceObserver | null = null;
    const flushResources = () => {
      if (!pending.length || ctx.isInvalid) return;
      const batch = pending.splice(0, 2000);
      sendResources({ type: 'content/resources', entries: batch })
        .then((more) => {
          if (more) return;
          observer?.disconnect();
          observer = null;
          pending = [];
        })
        .catch(() => {});
    };
    try {
      observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries() as PerformanceResourceTiming[])
          pending.push({ url: e.name, initiatorType: e.initiatorType, time: Math.round(performance.timeOrigin + e.startTime) });
      });
      observer.observe({ type: 'resource', buffered: true });
    } catch {
      pending = [];
    }

    // --- page signals (top frame only) ---
    const signals: Partial<PageSignals> = {};
    let signalsDirty = true;
    const flushSignals = () => {
      if (!top) return;
      signals.title = document.title;
      if (!signalsDirty && signals.title === lastTitle) return;
      lastTitle = signals.title;
      signalsDirty = false;
      // The policy text goes only when it changed: resent with every later signal (the last at
      // pagehide) it could reach the record of the next page, which would then pass for the policy.
      const { policyText, ...rest } = signals;
      const fresh = policyText !== undefined && policyText !== sentPolicyText;
      if (fresh) sentPolicyText = policyText;
      send({ type: 'content/signals', signals: fresh ? { ...rest, policyText } : rest });
      signals.typedValues = [];
    };
    let lastTitle: string | undefined;
    let sentPolicyText: string | undefined;

    // A policy link is one to the site profile's policy paths, or one whose text names the
    // policy; a mere "policy" inside another path (e.g. /form-no-policy/) does not count.
    const policyPaths = activeSite.policyPaths.map((p) => p.replace(/\/$/, ''));
    const isPolicyHref = (href: string | null) => {
      if (!href) return false;
      try {
        return policyPaths.includes(new URL(href, location.href).pathname.replace(/\/$/, ''));
      } catch {
        return false;
      }
    };
    const policyTextRe = /политик[аиу]\s+конфиденциальност|персональных\s+данных|политик[аиу]\s+обработки/i;
    const consentTextRe = /соглас|персональных данных|политик/i;
    const personalRe = /(^|[^a-z])(name|fio|first.?name|last.?name|phone|tel|mobile|email|e-mail|mail)([^a-z]|$)|имя|фио|телефон|почта/i;

    const scanForms = () => {
      const links = [...document.querySelectorAll('a[href]')] as HTMLAnchorElement[];
      const hasPolicyLink = links.some((a) => isPolicyHref(a.getAttribute('href')) || policyTextRe.test(a.textContent ?? ''));
      const forms: ObservedForm[] = [...document.forms].slice(0, 50).map((f) => {
        const fields = [...f.querySelectorAll('input, textarea')] as (HTMLInputElement | HTMLTextAreaElement)[];
        const personalFields = fields
          .filter(
            (i) =>
              i.type === 'email' ||
              i.type === 'tel' ||
              personalRe.test(`${i.name} ${i.id} ${i.getAttribute('autocomplete') ?? ''} ${i.getAttribute('placeholder') ?? ''}`),
          )
          .map((i) => i.name || i.id || i.type);
        const formLinks = [...f.querySelectorAll('a[href]')] as HTMLAnchorElement[];
        return {
          action: f.getAttribute('action') ? new URL(f.getAttribute('action')!, location.href).href : location.href,
          method: (f.getAttribute('method') ?? 'get').toLowerCase(),
          personalFields,
          hasPolicyLink: formLinks.some((a) => isPolicyHref(a.getAttribute('href')) || policyTextRe.test(a.textContent ?? '')),
          hasConsentText: consentTextRe.test(f.textContent ?? ''),
        };
      });
      signals.forms = forms;
      signals.hasPolicyLink = hasPolicyLink;
      // The page's referrer policy (the last <meta name="referrer"> wins, as in the browser):
      // the background computes each request's Referer from it (policy/referrer.ts).
      const metas = document.querySelectorAll<HTMLMetaElement>('meta[name="referrer" i]');
      if (metas.length) signals.referrerPolicy = metas[metas.length - 1].content;
      // The policy's text goes to the engine on the profile's paths, and wherever the title or a
      // heading names a privacy policy: the engine then recognises the policy by its sentences.
      const headings = [...document.querySelectorAll('h1, h2')].slice(0, 10).map((h) => h.textContent ?? '');
      if (
        activeSite.policyPaths.some((p) => location.pathname === p || location.pathname === p.replace(/\/$/, '')) ||
        looksLikePolicyPage(document.title, headings) ||
        mentionsPersonalDataOften(document.body?.textContent ?? '')
      ) {
        signals.policyText = document.body?.innerText ?? '';
      }
      // Rescanned every few seconds: report only what changed (an unchanged report would still
      // wake the worker).
      const sig = JSON.stringify([signals.forms, signals.hasPolicyLink, signals.referrerPolicy, signals.policyText]);
      if (sig !== lastScanSig) signalsDirty = true;
      lastScanSig = sig;
    };
    let lastScanSig = '';

    if (top) {
      const onInteract = (e: Event) => {
        if (!e.isTrusted) return;
        if (signals.firstInteractionAt === undefined) {
          signals.firstInteractionAt = Date.now();
          signalsDirty = true;
        }
        if (e.type === 'click') {
          const el = (e.target as Element | null)?.closest?.('button, a, [role="button"], input[type="button"], input[type="submit"]');
          if (el) {
            const text = `${el.textContent ?? ''} ${(el as HTMLInputElement).value ?? ''}`;
            let box: Element | null = el;
            let inNotice = false;
            for (let i = 0; box && i < 6; i++, box = box.parentElement) {
              if (/cookie|куки|consent|gdpr|notice/i.test(`${box.id} ${box.className}`)) inNotice = true;
            }
            if ((inNotice || /cookie/i.test(el.id)) && /принять|согласен|соглашаюсь|хорошо|понятно|accept|agree|ok/i.test(text)) {
              signals.consentAcceptedAt = Date.now();
              signalsDirty = true;
            }
          }
        }
      };
      for (const t of ['click', 'keydown', 'pointerdown', 'input'])
        window.addEventListener(t, onInteract, { capture: true, passive: true });
      if (AUDIT) {
        // Audit build only: the values typed into personal-data fields, to detect them in
        // third-party requests (pii-leak). Kept in session storage of this device, never sent.
        window.addEventListener(
          'change',
          (e) => {
            const el = e.target as HTMLInputElement | null;
            if (!el || !('value' in el) || !el.value) return;
            const id = `${el.name} ${el.id} ${el.type}`;
            if (el.type === 'email' || el.type === 'tel' || personalRe.test(id)) {
              (signals.typedValues ??= []).push({ field: el.name || el.id || el.type, value: el.value });
              signalsDirty = true;
              flushSignals();
            }
          },
          { capture: true },
        );
      }
    }

    const tick = () => {
      snapshotStorage();
      flushResources();
      flushSignals();
    };
    // Nothing but the event listeners above runs while the page loads: the first scan and
    // report wait until the load event has finished (a load handler's work would delay
    // loadEventEnd, issue #2 page-load overhead). Then poll quickly while late tags load,
    // then slowly; polling stops when the extension is reloaded (ctx).
    let n = 0;
    const poll = () => {
      tick();
      if (++n % 5 === 0) scanForms();
      ctx.setTimeout(poll, n < 30 ? 500 : 3000);
    };
    const afterLoad = () => {
      scanForms();
      tick();
      ctx.setTimeout(poll, 500);
    };
    if (document.readyState === 'complete') ctx.setTimeout(afterLoad, 0);
    else window.addEventListener('load', () => ctx.setTimeout(afterLoad, 0), { once: true });
    window.addEventListener('pagehide', tick);
  },
});
