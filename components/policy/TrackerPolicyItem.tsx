import { useState } from 'preact/hooks';
import type { Contradiction, ReportTracker } from '../../policy/report/schema';
import { useI18n } from '../i18n';
import { DisclosureBadge } from './DisclosureBadge';

/** i18n key of a contradiction rule ("identifier-in-request" -> policy_rule_identifier_in_request). */
export function ruleKey(rule: string): string {
  return `policy_rule_${rule.replace(/[^a-zA-Z0-9]+/g, '_')}`;
}

function ContradictionItem(props: { c: Contradiction }) {
  const tr = useI18n();
  const { c } = props;
  return (
    <li class="tl-contradiction" data-rule={c.rule}>
      <strong>{tr.t(ruleKey(c.rule))}</strong>
      <blockquote cite={`#${c.clause}`} data-clause={c.clause}>
        {c.quote}
      </blockquote>
      <p>
        {tr.t('policy_evidence_request', [''])}
        <code class="tl-evidence-url">{c.evidence.url}</code>
      </p>
      {c.evidence.param ? <p>{tr.t('policy_evidence_param', [c.evidence.param])}</p> : null}
      {c.evidence.detail ? <p>{tr.t('policy_evidence_detail', [c.evidence.detail])}</p> : null}
    </li>
  );
}

/**
 * One tracker against the policy: expandable, with the verbatim quotes in <blockquote>, the
 * explanation, and possible contradictions with their evidence.
 *
 * A disclosure button (WAI-ARIA Authoring Practices, Disclosure pattern: a native button, so
 * Enter and Space work, with aria-expanded) and a body rendered only while open. The popup
 * shows one of these per tracker card (83 cards on a page with 100 trackers, bench/popup.ts):
 * closed bodies were 30% of its elements, built on every open for text nobody sees until they
 * expand a card; and a <details> element costs a shadow tree with its own style sheet on
 * creation and at the first frame, about a sixth of the popup's main-thread time there. The
 * button's name is the tracker's name and its disclosure status.
 */
export function TrackerPolicyItem(props: { tracker: ReportTracker; open?: boolean }) {
  const [open, setOpen] = useState(!!props.open);
  const t = props.tracker;
  return (
    <div class="tl-tracker-policy" data-vendor={t.vendor}>
      <button type="button" class="tl-tracker-policy__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span class="tl-tracker-policy__name">{t.name}</span> <DisclosureBadge status={t.disclosure} />
      </button>
      {open && <TrackerPolicyBody tracker={t} />}
    </div>
  );
}

/** The explanation (the rule that set the status), the policy's quotes and possible contradictions. */
export function TrackerPolicyBody(props: { tracker: ReportTracker }) {
  const tr = useI18n();
  const t = props.tracker;
  const contradictions = t.contradictions ?? [];
  const contradictionQuotes = new Set(contradictions.map((c) => c.quote));
  // Quotes shown with a contradiction are not repeated in the general list.
  const quotes = t.quotes.filter((q) => !contradictionQuotes.has(q));
  return (
    <div class="tl-tracker-policy__body">
      {t.explanation ? (
        <section>
          <h4>{tr.t('policy_explanation_heading')}</h4>
          <p class="tl-explanation">{tr.pick(t.explanation)}</p>
        </section>
      ) : null}
      <section>
        <h4>{tr.t('policy_quotes_heading')}</h4>
        {quotes.length > 0 ? quotes.map((q) => <blockquote key={q}>{q}</blockquote>) : <p>{tr.t('policy_no_quote')}</p>}
      </section>
      {contradictions.length > 0 ? (
        <section class="tl-contradictions">
          <h4>{tr.t('policy_contradictions_heading')}</h4>
          <p>{tr.t('policy_contradiction_note')}</p>
          <ul>
            {contradictions.map((c, i) => (
              <ContradictionItem key={`${c.rule}-${i}`} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
