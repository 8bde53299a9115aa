import { foldWhitespace, POLICY_TEXT } from './text';
import { quoteFor } from './model';

/**
 * Policy-level observations (issue 13): what the published policy says, or does not say, set
 * next to the rule it meets. Each states facts and the law, hedged as the project's legal research
 * (docs/law.md, Recipients) labels them, and never a verdict. Derived from the policy text: when
 * the text gains the missing information, the observation goes away.
 */

export type PolicyObservationId = 'consent-by-use' | 'no-legal-entity' | 'no-retention-period' | 'no-processors' | 'no-cross-border';

export interface PolicyObservation {
  id: PolicyObservationId;
  title: { ru: string; en: string };
  /** Facts and law, hedged; quotes in «» are verbatim. */
  text: { ru: string; en: string };
  /** Verbatim quotes from the policy (whitespace-folded), empty for an absence. */
  quotes: string[];
  /** The legal provisions the text refers to, as cited. */
  law: string[];
}

/** A legal entity's form or registration numbers: ООО, АО, ИП, ИНН, ОГРН ... */
const LEGAL_ENTITY =
  /(^|[^А-ЯЁа-яё])(ООО|ОАО|ЗАО|ПАО|АО|НКО|ИП|ИНН|ОГРНИП|ОГРН)(?=$|[^А-ЯЁа-яё])|общество с ограниченной ответственностью|акционерное общество/i;
/** A retention period: "срок хранения", "в течение N ...", "хранятся до ...". */
const RETENTION = /срок\S*\s+(хранения|обработки)|в\s+течение\s+\d+|хран\S*\s+(до|не более|в течение)/i;
/** Processing on the operator's instruction, a processor, or a named service receiving data. */
const PROCESSORS = /поручени|обработчик|по\s+поручению|Яндекс\.?\s*Метрик|Google\s+Analytics/i;
/** Cross-border transfer. */
const CROSS_BORDER = /трансграничн|за\s+рубеж|за\s+пределы\s+(России|Российской\s+Федерации)|иностранн\S*\s+(государств|лиц|компани)/i;

export function namesLegalEntity(text: string): boolean {
  return LEGAL_ENTITY.test(text);
}
export function namesRetentionPeriod(text: string): boolean {
  return RETENTION.test(text);
}
export function namesProcessors(text: string): boolean {
  return PROCESSORS.test(text);
}
export function mentionsCrossBorder(text: string): boolean {
  return CROSS_BORDER.test(text);
}

const CONSENT_QUOTE = quoteFor('consent.by-use');

/** The observations for a policy text (the bundled policy by default). */
export function policyObservations(text: string = POLICY_TEXT): PolicyObservation[] {
  const folded = foldWhitespace(text);
  const out: PolicyObservation[] = [];
  if (folded.includes(foldWhitespace(CONSENT_QUOTE))) {
    out.push({
      id: 'consent-by-use',
      title: { ru: 'Согласие через использование сайта', en: 'Consent "by using" the site' },
      text: {
        ru:
          `Политика считает согласием само использование сайта: «${CONSENT_QUOTE}» ` +
          'По данным вторичных источников, с 1 сентября 2025 г. (Федеральный закон от 24.06.2025 № 156-ФЗ, изменения ст. 9 152-ФЗ) ' +
          'согласие на обработку персональных данных оформляется отдельно от иных документов и не может входить в их текст. ' +
          'Было ли у сайта отдельное согласие, расширение не проверяет.',
        en:
          `The policy treats using the site as consent: "${CONSENT_QUOTE}" ` +
          'According to secondary sources, since 1 September 2025 (Federal Law of 24.06.2025 No. 156-FZ, amending art. 9 of 152-FZ) ' +
          'consent to processing is given as a separate document and may not be part of other documents. ' +
          'Whether the site also has a separate consent is not checked by the extension.',
      },
      quotes: [CONSENT_QUOTE],
      law: ['152-ФЗ ст. 9 (в ред. 156-ФЗ от 24.06.2025, с 01.09.2025)'],
    });
  }
  if (!namesLegalEntity(folded)) {
    out.push({
      id: 'no-legal-entity',
      title: { ru: 'Юридическое лицо оператора не названо', en: "The operator's legal entity is not named" },
      text: {
        ru:
          'Политика называет оператором «сети Клиник «Промедика»» с адресами и телефоном, но не называет юридическое лицо (ООО, АО, ИП) и его ИНН или ОГРН. ' +
          'Сведения об операторе (наименование и место нахождения) субъект вправе запросить по ст. 14 152-ФЗ; ' +
          'юридическое лицо можно найти в реестре операторов Роскомнадзора (ст. 22).',
        en:
          'The policy names the operator as "сети Клиник «Промедика»" (the Promedika clinic network) with addresses and a phone number, ' +
          'but names no legal entity (LLC, JSC, sole trader) and no tax or registration number. ' +
          "A data subject may request the operator's name and location under art. 14 of 152-FZ; " +
          "the legal entity can be looked up in Roskomnadzor's register of operators (art. 22).",
      },
      quotes: [],
      law: ['152-ФЗ ст. 14', '152-ФЗ ст. 22'],
    });
  }
  if (!namesRetentionPeriod(folded)) {
    out.push({
      id: 'no-retention-period',
      title: { ru: 'Сроки хранения не указаны', en: 'No retention periods' },
      text: {
        ru:
          'Политика говорит, где хранятся данные («на собственных серверах Компании»), но не говорит, как долго. ' +
          'Сроки обработки, в том числе сроки хранения, субъект вправе запросить по ст. 14 152-ФЗ.',
        en:
          'The policy says where data is kept ("на собственных серверах Компании", on the company\'s own servers) but not for how long. ' +
          'A data subject may request the processing periods, retention included, under art. 14 of 152-FZ.',
      },
      quotes: [],
      law: ['152-ФЗ ст. 14'],
    });
  }
  if (!namesProcessors(folded)) {
    out.push({
      id: 'no-processors',
      title: { ru: 'Обработчики не названы', en: 'No processors named' },
      text: {
        ru:
          'Политика не называет лиц, которые обрабатывают данные по поручению оператора (ст. 6 ч. 3 152-ФЗ), и не называет сервисов аналитики. ' +
          'Рекламные системы она перечисляет только как пример настройки рекламы («Яндекс Директ, Google Adwords, MyTarget, VK Target и т.п.»). ' +
          'Наименование и адрес лица, обрабатывающего данные по поручению, субъект вправе запросить по ст. 14 152-ФЗ.',
        en:
          "The policy names no one who processes data on the operator's instruction (art. 6 part 3 of 152-FZ) and no analytics service. " +
          'It lists ad systems only as an example of ad settings ("Яндекс Директ, Google Adwords, MyTarget, VK Target и т.п."). ' +
          "A data subject may request the name and address of anyone processing on the operator's instruction under art. 14 of 152-FZ.",
      },
      quotes: ['Яндекс Директ, Google Adwords, MyTarget, VK Target и т.п.'],
      law: ['152-ФЗ ст. 6 ч. 3', '152-ФЗ ст. 14'],
    });
  }
  if (!mentionsCrossBorder(folded)) {
    out.push({
      id: 'no-cross-border',
      title: { ru: 'Трансграничная передача не упомянута', en: 'Cross-border transfer not mentioned' },
      text: {
        ru:
          'Политика не упоминает передачу данных за пределы России. Ст. 12 152-ФЗ с 1 марта 2023 г. требует уведомить Роскомнадзор ' +
          'до начала трансграничной передачи. Передаёт ли сайт данные организациям за рубежом, показывают находки „Передача организации за пределами России“ на страницах.',
        en:
          'The policy does not mention transferring data outside Russia. Since 1 March 2023 art. 12 of 152-FZ requires notifying Roskomnadzor ' +
          'before a cross-border transfer. Whether the site sends data to organisations abroad is shown by the "Transfer to an organisation outside Russia" findings on its pages.',
      },
      quotes: [],
      law: ['152-ФЗ ст. 12'],
    });
  }
  return out;
}
