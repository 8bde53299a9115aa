/**
 * Health-context detection (issue #3 contradiction rule (b), and the findings engine): does a
 * page URL or title reveal a medical specialty, service or condition? Pixel Hunt / Blacklight
 * showed that such URLs sent to ad and analytics networks are what matters (research/anchors.md).
 *
 * The lexicon maps a Russian term to stems in Cyrillic and in the Latin transliterations used in
 * URL slugs (urologiya, ginekologiya, psikhiatriya / psihiatriya ...) and common English forms.
 * Stems match the START of a token (so "urologa", "урологический" match "urolog" / "урол").
 * Short abbreviations (ЭКО, УЗИ, МРТ, ВИЧ, ЛОР ...) match only as whole tokens, because as
 * prefixes they would hit ordinary words ("ekonomika", "lorem").
 * Generic pages (/, /contacts/, /doctors/, /privacy/ ...) contain none of these tokens.
 */

export interface HealthTerm {
  /** Canonical Russian term, reported in `terms`. */
  ru: string;
  en: string;
  /** Token prefixes (lower case, ё folded to е). */
  stems: string[];
  /** Whole tokens only (lower case). */
  exact?: string[];
}

export const healthLexicon: readonly HealthTerm[] = [
  { ru: 'урология', en: 'urology', stems: ['уролог', 'урологи', 'urolog'] },
  { ru: 'гинекология', en: 'gynaecology', stems: ['гинеколог', 'ginekolog', 'gynecolog', 'gynaecolog'] },
  { ru: 'акушерство', en: 'obstetrics', stems: ['акушер', 'akusher', 'obstetric'] },
  { ru: 'кардиология', en: 'cardiology', stems: ['кардиолог', 'kardiolog', 'cardiolog'] },
  { ru: 'неврология', en: 'neurology', stems: ['невролог', 'невропатолог', 'nevrolog', 'nevropatolog', 'neurolog'] },
  {
    ru: 'онкология',
    en: 'oncology',
    stems: ['онколог', 'онкомаркер', 'опухол', 'onkolog', 'onkomarker', 'oncolog', 'opuhol', 'opukhol'],
    exact: ['рак', 'rak', 'cancer'],
  },
  { ru: 'венерология', en: 'venereology', stems: ['венеролог', 'venerolog', 'venereolog'], exact: ['иппп', 'ippp', 'std', 'sti'] },
  { ru: 'психиатрия', en: 'psychiatry', stems: ['психиатр', 'psikhiatr', 'psihiatr', 'psychiatr', 'psixiatr'] },
  { ru: 'психотерапия', en: 'psychotherapy', stems: ['психотерап', 'psikhoterap', 'psihoterap', 'psychotherap', 'psixoterap'] },
  { ru: 'психология', en: 'psychology', stems: ['психолог', 'psikholog', 'psiholog', 'psycholog'] },
  { ru: 'депрессия', en: 'depression', stems: ['депресс', 'depress'] },
  { ru: 'наркология', en: 'addiction medicine', stems: ['нарколог', 'narkolog', 'алкоголизм', 'alkogolizm'] },
  { ru: 'эндокринология', en: 'endocrinology', stems: ['эндокринолог', 'endokrinolog', 'endocrinolog'] },
  {
    ru: 'гастроэнтерология',
    en: 'gastroenterology',
    stems: ['гастроэнтеролог', 'gastroenterolog', 'гастроскоп', 'gastroskop', 'gastroscop'],
  },
  { ru: 'дерматология', en: 'dermatology', stems: ['дерматолог', 'dermatolog', 'дерматовенеролог', 'dermatovenerolog'] },
  { ru: 'маммология', en: 'mammology', stems: ['маммолог', 'маммограф', 'mammolog', 'mammograf', 'mammograph'] },
  { ru: 'проктология', en: 'proctology', stems: ['проктолог', 'proktolog', 'proctolog', 'колоноскоп', 'kolonoskop', 'colonoscop'] },
  { ru: 'андрология', en: 'andrology', stems: ['андролог', 'androlog'] },
  { ru: 'ЭКО', en: 'IVF', stems: ['экстракорпорал', 'ekstrakorporal'], exact: ['эко', 'eko', 'ivf'] },
  { ru: 'бесплодие', en: 'infertility', stems: ['бесплод', 'besplod', 'infertil'] },
  { ru: 'беременность', en: 'pregnancy', stems: ['беременн', 'beremenn', 'pregnan'] },
  { ru: 'аборт', en: 'abortion', stems: ['аборт', 'abort'] },
  { ru: 'ВИЧ', en: 'HIV', stems: [], exact: ['вич', 'vich', 'hiv', 'спид', 'spid', 'aids'] },
  { ru: 'гепатит', en: 'hepatitis', stems: ['гепатит', 'gepatit', 'hepatit'] },
  { ru: 'сифилис', en: 'syphilis', stems: ['сифилис', 'sifilis', 'syphilis'] },
  { ru: 'хламидиоз', en: 'chlamydia', stems: ['хламиди', 'hlamidi', 'khlamidi', 'chlamydi'] },
  { ru: 'ВПЧ', en: 'HPV', stems: ['папиллом', 'papillom'], exact: ['впч', 'vpch', 'hpv'] },
  { ru: 'анализы', en: 'lab tests', stems: ['анализ', 'analiz'] },
  { ru: 'УЗИ', en: 'ultrasound', stems: ['ультразвук', 'ultrazvuk', 'ultrasound'], exact: ['узи', 'uzi'] },
  { ru: 'МРТ', en: 'MRI', stems: [], exact: ['мрт', 'mrt', 'mri'] },
  { ru: 'КТ', en: 'CT scan', stems: ['томограф', 'tomograf', 'tomograph'], exact: ['кт', 'мскт', 'mskt'] },
  { ru: 'стоматология', en: 'dentistry', stems: ['стоматолог', 'stomatolog', 'dentist', 'dental'] },
  { ru: 'педиатрия', en: 'paediatrics', stems: ['педиатр', 'pediatr', 'paediatr'] },
  { ru: 'офтальмология', en: 'ophthalmology', stems: ['офтальмолог', 'oftalmolog', 'oftalmolog', 'ophthalmolog', 'окулист', 'okulist'] },
  { ru: 'ЛОР', en: 'ENT', stems: ['оториноларинголог', 'otorinolaringolog', 'otolaryngolog'], exact: ['лор', 'lor'] },
  { ru: 'травматология', en: 'traumatology', stems: ['травматолог', 'travmatolog', 'traumatolog', 'ортопед', 'ortoped', 'orthoped'] },
  { ru: 'хирургия', en: 'surgery', stems: ['хирург', 'hirurg', 'khirurg', 'xirurg', 'surgeon', 'surgery'] },
  { ru: 'флебология', en: 'phlebology', stems: ['флеболог', 'flebolog', 'phlebolog', 'варикоз', 'varikoz'] },
  { ru: 'аллергология', en: 'allergology', stems: ['аллерг', 'allerg'] },
  { ru: 'диабет', en: 'diabetes', stems: ['диабет', 'diabet'] },
  { ru: 'нефрология', en: 'nephrology', stems: ['нефролог', 'nefrolog', 'nephrolog'] },
  { ru: 'пульмонология', en: 'pulmonology', stems: ['пульмонолог', 'pulmonolog', 'астм', 'astm', 'asthm'] },
  { ru: 'ревматология', en: 'rheumatology', stems: ['ревматолог', 'revmatolog', 'rheumatolog'] },
  { ru: 'гематология', en: 'haematology', stems: ['гематолог', 'gematolog', 'hematolog', 'haematolog'] },
  { ru: 'инфекционист', en: 'infectious diseases', stems: ['инфекционист', 'infekcionist', 'infektsionist'] },
  { ru: 'сексология', en: 'sexology', stems: ['сексолог', 'seksolog', 'sexolog'] },
  { ru: 'простатит', en: 'prostatitis', stems: ['простат', 'prostat'] },
  { ru: 'цистит', en: 'cystitis', stems: ['цистит', 'cistit', 'tsistit', 'cystit'] },
  {
    ru: 'эректильная дисфункция',
    en: 'erectile dysfunction',
    stems: ['эректил', 'erektil', 'erectil', 'импотенц', 'impotenc', 'impotents'],
  },
  { ru: 'климакс', en: 'menopause', stems: ['климакс', 'klimaks', 'менопауз', 'menopauz', 'menopaus'] },
  { ru: 'щитовидная железа', en: 'thyroid', stems: ['щитовидн', 'shchitovidn', 'schitovidn', 'shhitovidn', 'thyroid'] },
  { ru: 'инсульт', en: 'stroke', stems: ['инсульт', 'insult'] },
  { ru: 'инфаркт', en: 'heart attack', stems: ['инфаркт', 'infarkt', 'infarct'] },
  { ru: 'гипертония', en: 'hypertension', stems: ['гипертон', 'gipertoni', 'hyperten'] },
  { ru: 'герпес', en: 'herpes', stems: ['герпес', 'gerpes', 'herpes'] },
  { ru: 'кандидоз', en: 'candidiasis', stems: ['кандидоз', 'kandidoz', 'candidias'] },
  { ru: 'биопсия', en: 'biopsy', stems: ['биопси', 'biopsi', 'biopsy'] },
  { ru: 'кольпоскопия', en: 'colposcopy', stems: ['кольпоскоп', 'kolposkop', 'colposcop'] },
];

const exactIndex = new Map<string, string>();
const stemList: { stem: string; term: string }[] = [];
for (const t of healthLexicon) {
  for (const e of t.exact ?? []) exactIndex.set(e, t.ru);
  for (const s of t.stems) stemList.push({ stem: s, term: t.ru });
}
// Longest stems first, so the most specific term is reported for a token.
stemList.sort((a, b) => b.stem.length - a.stem.length);

/** Percent-decoding that never throws: whole string first, else run by run; up to 3 rounds (double-encoded page-url parameters). */
export function safeDecode(s: string): string {
  let cur = s;
  for (let i = 0; i < 3; i++) {
    if (!/%[0-9a-f]{2}/i.test(cur)) break;
    let next: string;
    try {
      next = decodeURIComponent(cur);
    } catch {
      next = cur.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      });
    }
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

/** Tokens of a URL or title: decoded, lower case, ё -> е, split on everything that is not a letter or digit. */
export function healthTokens(text: string): string[] {
  const decoded = safeDecode(text.replace(/\+/g, ' '));
  return decoded
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** The health term a single token signals, or null. */
function termForToken(token: string): string | null {
  const exact = exactIndex.get(token);
  if (exact) return exact;
  for (const { stem, term } of stemList) if (token.startsWith(stem)) return term;
  return null;
}

/**
 * Whether a URL or a page title reveals a medical context. `terms` are the canonical Russian
 * terms found, in order of first appearance, without duplicates. Never throws.
 */
export function detectHealthContext(text: string): { matched: boolean; terms: string[] } {
  if (typeof text !== 'string' || text.length === 0) return { matched: false, terms: [] };
  // Bound the work on pathological inputs (long request bodies are not what this is for).
  const bounded = text.length > 8192 ? text.slice(0, 8192) : text;
  const terms: string[] = [];
  for (const tok of healthTokens(bounded)) {
    const term = termForToken(tok);
    if (term && !terms.includes(term)) terms.push(term);
  }
  return { matched: terms.length > 0, terms };
}
