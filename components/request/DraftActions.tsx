import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildMailto, buildWebmailLink, WEBMAIL_LABELS, type Webmail } from '@/policy/letter/mailto';
import { renderPrintableLetter } from '@/policy/letter/print';
import type { Letter } from '@/policy/letter/compose';
import { useI18n } from '../i18n';

/**
 * Delivery actions for a finished letter (issue #4 "Delivery, the one click"): the main
 * mailto link, copy, .eml download, web-mail compose links, print, and "I sent it".
 * Everything is a real <a> or <button>, so the flow works by keyboard.
 */
export interface DraftActionsProps {
  letter: Letter;
  /** Recipient address; absent for the complaint (filed through Roskomnadzor's reception). */
  to?: string;
  /** Sender mailbox for the .eml From header. */
  from?: { addr: string; name?: string };
  clipboard: (text: string) => Promise<void>;
  onSent: () => void;
  sentLabel?: string;
}

const WEBMAILS: Webmail[] = ['gmail', 'yandex', 'mailru'];

/** Local calendar day, yyyy-mm-dd (the .eml file name). */
function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function DraftActions(props: DraftActionsProps) {
  const { t, pick } = useI18n();
  const { letter, to } = props;
  const [status, setStatus] = useState<string>('');

  const mailto = useMemo(() => (to ? buildMailto(to, letter.subject, letter.body) : null), [to, letter]);

  // The .eml draft is built with mimetext (about 20 KB gzip), loaded once a letter is ready
  // rather than with the page, so request.html opens light.
  const [eml, setEml] = useState<{ href: string; name: string } | null>(null);
  const from = props.from;
  useEffect(() => {
    if (!to || !from || typeof URL.createObjectURL !== 'function') return setEml(null);
    let href: string | null = null;
    let live = true;
    void import('@/policy/letter/eml').then(({ buildEml, emlFileName }) => {
      if (!live) return;
      const raw = buildEml({ from, to, subject: letter.subject, body: letter.body });
      href = URL.createObjectURL(new Blob([raw], { type: 'message/rfc822' }));
      setEml({ href, name: emlFileName(isoDay(new Date())) });
    });
    return () => {
      live = false;
      if (href) URL.revokeObjectURL(href);
    };
  }, [to, from, letter]);

  const copy = async (): Promise<boolean> => {
    try {
      await props.clipboard(letter.body);
      setStatus(t('request_copied'));
      return true;
    } catch {
      setStatus(t('request_copy_failed'));
      return false;
    }
  };

  const onLinkClick = (truncated: boolean) => {
    // The link itself opens the mail app; when its body is the short notice, the full text
    // goes to the clipboard in the same user gesture (issue #4).
    if (truncated) void copy();
  };

  // The printable letter opens as a document of its own (a blob URL of the escaped HTML; no document.write).
  const print = () => {
    const url = URL.createObjectURL(new Blob([renderPrintableLetter(letter)], { type: 'text/html;charset=utf-8' }));
    const w = window.open(url, '_blank');
    if (!w) return URL.revokeObjectURL(url);
    w.addEventListener('load', () => {
      URL.revokeObjectURL(url);
      w.focus();
      w.print();
    });
  };

  return (
    <div class="draft-actions">
      {mailto && (
        <p>
          <a class="primary" href={mailto.href} data-testid="mailto" onClick={() => onLinkClick(mailto.truncated)}>
            {t('request_send_mailto')}
          </a>
          {mailto.truncated && <span class="note"> {t('request_truncated_note')}</span>}
        </p>
      )}
      <p>
        <button type="button" onClick={() => void copy()}>
          {t('request_copy')}
        </button>{' '}
        {eml && (
          <a href={eml.href} download={eml.name} data-testid="eml">
            {t('request_download_eml')}
          </a>
        )}{' '}
        <button type="button" onClick={print}>
          {t('request_print')}
        </button>
      </p>
      {to && (
        <p>
          {t('request_webmail')}{' '}
          {WEBMAILS.map((w) => {
            const link = buildWebmailLink(w, to, letter.subject, letter.body);
            return (
              <a
                key={w}
                href={link.href}
                target="_blank"
                rel="noopener noreferrer"
                data-testid={`webmail-${w}`}
                onClick={() => onLinkClick(link.truncated)}
              >
                {pick(WEBMAIL_LABELS[w])}
              </a>
            );
          }).reduce<ComponentChildren[]>((acc, el, i) => (i ? [...acc, ' · ', el] : [el]), [])}
          <br />
          <small>{t('request_webmail_note')}</small>
        </p>
      )}
      <p class="note">{t('request_signature_note')}</p>
      <p>
        <button type="button" onClick={props.onSent}>
          {props.sentLabel ?? t('request_sent')}
        </button>
      </p>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
