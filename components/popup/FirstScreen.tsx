import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ReportPage } from '@/policy/report/schema';
import { pageVerdict, STATUS_ORDER, type PageVerdict, type SeriousFinding } from '@/policy/report/verdict';
import { useI18n, type Translator } from '../i18n';
import { DISCLOSURE_GLYPH } from '../policy/DisclosureBadge';
import { FlowPicture } from './FlowPicture';
import { countryLabel } from '@/policy/catalogue/recipient';
import { pluralForm } from './plural';

/**
 * The popup's first screen (issue #14): what happened on this page, against the clinic's own
 * policy, readable in five seconds. The verdict, the serious findings as one sentence each
 * with their recipients, a picture of where the data went, and the main action. Every status
 * shows a glyph and words next to its colour.
 */
export function FirstScreen(props: { page: ReportPage; action?: ComponentChildren }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const v = useMemo(() => pageVerdict(props.page), [props.page]);
  const total = v.organisations.length;
  const firstPartyCookies = props.page.cookies.length > 0 && props.page.cookies.every((c) => c.firstParty);
  return (
    <section class="first-screen" aria-labelledby="verdict-title" data-testid="first-screen">
      {total === 0 ? (
        <div class={v.unidentified.length ? 'verdict' : 'verdict verdict--clear'} data-testid="verdict">
          {v.unidentified.length ? (
            <>
              <h1 id="verdict-title" class="verdict__title">
                {t('popup_v_unidentified_title')}
              </h1>
              <p class="verdict__line">{t('popup_v_unidentified', [v.unidentified.join(', ')])}</p>
            </>
          ) : (
            <>
              <h1 id="verdict-title" class="verdict__title">
                <span class="glyph" aria-hidden="true">
                  ✓
                </span>{' '}
                {t('popup_v_none_title')}
              </h1>
              {firstPartyCookies && <p>{t('popup_v_none_firstParty', [props.page.cookies.length])}</p>}
              <p>
                {props.page.thirdParties.length === 0
                  ? t('popup_v_none_noThirdParty')
                  : t('popup_v_none_quietThirdParty', [props.page.thirdParties.length])}
              </p>
            </>
          )}
        </div>
      ) : (
        <div class="verdict" data-testid="verdict">
          <h1 id="verdict-title" class="verdict__title">
            {t(`popup_v_title_${pluralForm(lang, total)}`, [total])}
          </h1>
          {v.counts.named === total && (
            <p class="verdict__allnamed" data-testid="all-named">
              <span class="glyph" aria-hidden="true">
                ✓
              </span>{' '}
              {t('popup_v_allNamed')}
            </p>
          )}
          <ul class="verdict__counts" aria-label={t('popup_v_countsLabel')}>
            {STATUS_ORDER.filter((s) => v.counts[s] > 0).map((s) => (
              <li key={s} class={`count tl-disclosure--${s}`} data-status={s}>
                <span class="glyph" aria-hidden="true">
                  {DISCLOSURE_GLYPH[s]}
                </span>{' '}
                <strong>{v.counts[s]}</strong> {t(`popup_v_status_${s}`)}
              </li>
            ))}
          </ul>
          <p class="verdict__line" data-testid="before-consent">
            {v.beforeConsent > 0 ? (
              <>{t(v.consentBasis === 'interaction' ? 'popup_v_beforeInteraction' : 'popup_v_before', [v.beforeConsent, total])}</>
            ) : (
              t('popup_v_beforeNone')
            )}
          </p>
          <p class="verdict__line" data-testid="abroad">
            {abroadLine(tr, v, total)}
          </p>
          {v.unidentified.length > 0 && <p class="verdict__line">{t('popup_v_unidentifiedMore', [v.unidentified.join(', ')])}</p>}
        </div>
      )}
      {v.serious.length > 0 && (
        <ul class="serious" aria-label={t('popup_v_seriousLabel')} data-testid="serious">
          {v.serious.map((s) => (
            <li key={s.kind} data-kind={s.kind}>
              <span class="glyph" aria-hidden="true">
                ⚠
              </span>{' '}
              {seriousSentence(tr, s)}
            </li>
          ))}
        </ul>
      )}
      {total > 0 && <FlowPicture organisations={v.organisations} />}
      {props.action}
    </section>
  );
}

function abroadLine(tr: Translator, v: PageVerdict, total: number): string {
  if (v.countryUnknown === total) return tr.t('popup_v_countryAllUnknown');
  const main =
    v.abroad.count > 0
      ? tr.t('popup_v_abroad', [v.abroad.count, total, v.abroad.countries.map((c) => countryLabel(c, tr.lang) ?? c).join(', ')])
      : tr.t('popup_v_abroadNone');
  return v.countryUnknown > 0 ? `${main}; ${tr.t('popup_v_countryUnknown', [v.countryUnknown])}` : main;
}

const word = (tr: Translator, prefix: string, x: string) => {
  const key = `${prefix}${x.replace(/[^A-Za-z0-9]/g, '_')}`;
  const s = tr.t(key);
  return s === key ? x : s;
};

/** One plain sentence per serious finding, naming its recipients. */
export function seriousSentence(tr: Translator, s: SeriousFinding): string {
  const who = s.recipients.join(', ');
  switch (s.kind) {
    case 'health':
      return s.details.length ? tr.t('popup_s_health', [s.details.join(', '), who]) : tr.t('popup_s_healthNoTerm', [who]);
    case 'pii': {
      const fields = s.details.map((f) => word(tr, 'popup_pii_', f)).join(', ');
      const hashes = (s.encodings ?? []).filter((e) => /^(md5|sha1|sha256)$/.test(e)).map((e) => e.toUpperCase().replace(/^SHA/, 'SHA-'));
      if (!hashes.length) return tr.t('popup_s_pii', [fields, who]);
      const onlyHashed = (s.encodings ?? []).every((e) => /^(md5|sha1|sha256)$/.test(e));
      return tr.t(onlyHashed ? 'popup_s_piiHashed' : 'popup_s_piiAlsoHashed', [fields, who, hashes.join(', ')]);
    }
    case 'replay':
    case 'replay-form': {
      const feats = (s.details.length ? s.details : ['session-replay']).map((f) => word(tr, 'popup_replay_', f));
      return tr.t(s.kind === 'replay' ? 'popup_s_replay' : 'popup_s_replayForm', [[...new Set(feats)].join(', '), who]);
    }
    case 'insecure-form':
      return tr.t('popup_s_insecureForm');
    case 'form-without-policy':
      return tr.t('popup_s_formWithoutPolicy');
  }
}
