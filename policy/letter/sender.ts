/**
 * The sender block of the letter (issue #4 "Sender"): full name, e-mail and phone are
 * required; date of birth, patient card / contract number and postal address are optional;
 * the identity document (number, date of issue, issuer) is off by default and included only
 * with includeIdDocument, because 152-FZ art. 14 part 3 [S] lists those details for an access
 * request. Saved locally as a versioned settings item (store/sender-settings.ts); never sent
 * anywhere by the extension.
 *
 * Validation is a hand check, not zod: request.html (budget 40 KB gzip, issue #14) does not load
 * zod. Errors are codes (SenderErrorCode) so that the UI shows them in Russian or English
 * (senderErrorText). Markup characters (<, >, &, quotes) are allowed: names like
 * «O'Brien <Jr.>» exist, and every renderer treats these values as text (Preact escapes,
 * renderPrintableLetter escapes, mailto percent-encodes).
 */

export const NAME_MAX = 200;
export const FIELD_MAX = 500;
export const EMAIL_MAX = 254; // RFC 5321 path limit

export const SENDER_ERRORS = {
  required: { ru: 'Обязательное поле: заполните его.', en: 'Required: please fill it in.' },
  nameTooLong: {
    ru: `Слишком длинно: не более ${NAME_MAX} символов.`,
    en: `Too long: at most ${NAME_MAX} characters.`,
  },
  tooLong: {
    ru: `Слишком длинно: не более ${FIELD_MAX} символов.`,
    en: `Too long: at most ${FIELD_MAX} characters.`,
  },
  email: {
    ru: 'Неверный адрес электронной почты. Пример: ivanova@example.ru',
    en: 'Invalid e-mail address. Example: ivanova@example.ru',
  },
  phone: {
    ru: 'Неверный номер телефона. Пример: +7 913 123-45-67',
    en: 'Invalid phone number. Example: +7 913 123-45-67',
  },
  date: { ru: 'Неверная дата. Формат: ГГГГ-ММ-ДД.', en: 'Invalid date. Format: YYYY-MM-DD.' },
  inn: {
    ru: 'ИНН организации состоит из 10 цифр (12 у индивидуального предпринимателя).',
    en: 'A company INN has 10 digits (12 for a sole trader).',
  },
  idDocument: {
    ru: 'Заполните номер документа, дату выдачи и кем выдан, или снимите флажок.',
    en: 'Fill in the document number, date of issue and issuer, or untick the box.',
  },
} as const;
export type SenderErrorCode = keyof typeof SENDER_ERRORS;

/** The {ru, en} text of a validation message code; unknown codes fall back to a generic text. */
export function senderErrorText(code: string): { ru: string; en: string } {
  return (
    (SENDER_ERRORS as Record<string, { ru: string; en: string }>)[code] ?? {
      ru: 'Неверное значение.',
      en: 'Invalid value.',
    }
  );
}

/**
 * Single-line cleanup: control characters and line breaks become spaces and runs of
 * whitespace collapse, so a pasted value can never break the letter's layout.
 */
export function cleanLine(v: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const spaced = v.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return spaced.replace(/\s+/g, ' ').trim();
}

/** One field's check: the cleaned value, or the code of its first error. */
type Field<T> = (v: unknown) => { value: T } | { code: SenderErrorCode };

/** A single-line text field: raw length capped first (a paste of megabytes), then cleaned, then capped. */
const line =
  (max: number, code: SenderErrorCode, required: boolean): Field<string> =>
  (v) => {
    if (v === undefined && !required) return { value: '' };
    if (typeof v !== 'string' || v.length > max * 4) return { code: typeof v === 'string' ? code : 'required' };
    const value = cleanLine(v);
    if (required && !value) return { code: 'required' };
    return value.length > max ? { code } : { value };
  };

// Local part: RFC 5322 atext (so "+" and "'" are allowed) in dot-separated atoms; domain:
// labels of letters (Unicode too, e.g. почта.рф), digits and inner hyphens.
const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

export function isValidEmail(v: string): boolean {
  return v.length <= EMAIL_MAX && EMAIL_RE.test(v);
}

/**
 * Normalises a phone number: Russian numbers (8…, 7…, +7…, or 10 digits) become
 * "+7 XXX XXX-XX-XX"; other international numbers (+ and 8-15 digits, ITU-T E.164) become
 * "+" and digits. Returns null when it is not a phone number.
 */
export function normalizePhone(input: string): string | null {
  const v = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(v)) return null;
  const digits = v.replace(/\D/g, '');
  let ru: string | null = null;
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !v.startsWith('+')))) ru = digits.slice(1);
  else if (digits.length === 10 && !v.startsWith('+')) ru = digits;
  if (ru) return `+7 ${ru.slice(0, 3)} ${ru.slice(3, 6)}-${ru.slice(6, 8)}-${ru.slice(8, 10)}`;
  if (v.startsWith('+') && digits.length >= 8 && digits.length <= 15 && digits[0] !== '0') return `+${digits}`;
  return null;
}

const email: Field<string> = (v) => {
  if (typeof v !== 'string') return { code: 'required' };
  if (v.length > EMAIL_MAX * 4) return { code: 'email' };
  const value = v.trim();
  if (!value) return { code: 'required' };
  return isValidEmail(value) ? { value } : { code: 'email' };
};

const phone: Field<string> = (v) => {
  if (typeof v !== 'string') return { code: 'required' };
  if (v.length > 100) return { code: 'phone' };
  if (!v.trim()) return { code: 'required' };
  const value = normalizePhone(v);
  return value === null ? { code: 'phone' } : { value };
};

function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 1900;
}

const optionalDate: Field<string> = (v) => {
  if (v === undefined) return { value: '' };
  if (typeof v !== 'string' || v.length > 40) return { code: typeof v === 'string' ? 'date' : 'required' };
  const value = v.trim();
  return value === '' || isIsoDate(value) ? { value } : { code: 'date' };
};

const flag: Field<boolean> = (v) => (v === undefined ? { value: false } : typeof v === 'boolean' ? { value: v } : { code: 'required' });

const inn: Field<string> = (v) => {
  if (v === undefined) return { value: '' };
  if (typeof v !== 'string' || v.length > 100) return { code: 'inn' };
  const value = v.replace(/\s+/g, '');
  return value === '' || /^(\d{10}|\d{12})$/.test(value) ? { value } : { code: 'inn' };
};

export interface IdDocument {
  number: string;
  /** yyyy-mm-dd or empty. */
  issuedAt: string;
  issuer: string;
}

/** The sender as the letter uses it: cleaned and normalised (validateSender). */
export interface Sender {
  fullName: string;
  email: string;
  /** Normalised: "+7 XXX XXX-XX-XX" or "+" and digits. */
  phone: string;
  /** yyyy-mm-dd or empty. */
  dateOfBirth: string;
  /** Patient card or contract number: proves the relationship with the clinic (art. 14 part 3 [S]). */
  patientCard: string;
  postalAddress: string;
  includeIdDocument: boolean;
  idDocument: IdDocument;
  /** Quote the _ym_uid / _ga client ids in the letter. Off by default (issue #4). */
  includeIdentifiers: boolean;
  /**
   * The operator's legal entity and its INN, optional (issue 13): the policy names no legal
   * entity; Roskomnadzor's register of operators (art. 22) shows it.
   */
  operatorEntity: string;
  operatorInn: string;
}

/** The form as typed: the required text fields, the rest optional. */
export type SenderInput = Pick<Sender, 'fullName' | 'email' | 'phone'> &
  Partial<Omit<Sender, 'fullName' | 'email' | 'phone' | 'idDocument'>> & { idDocument?: Partial<IdDocument> };

const ID_DOCUMENT_FIELDS: { [K in keyof IdDocument]: Field<IdDocument[K]> } = {
  number: line(FIELD_MAX, 'tooLong', false),
  issuedAt: optionalDate,
  issuer: line(FIELD_MAX, 'tooLong', false),
};

const SENDER_FIELDS: { [K in Exclude<keyof Sender, 'idDocument'>]: Field<Sender[K]> } = {
  fullName: line(NAME_MAX, 'nameTooLong', true),
  email,
  phone,
  dateOfBirth: optionalDate,
  patientCard: line(FIELD_MAX, 'tooLong', false),
  postalAddress: line(FIELD_MAX, 'tooLong', false),
  includeIdDocument: flag,
  includeIdentifiers: flag,
  operatorEntity: line(FIELD_MAX, 'tooLong', false),
  operatorInn: inn,
};

/** Form field names, as the inputs are named (fullName, email, phone, idDocument.number …). */
export type SenderField =
  | 'fullName'
  | 'email'
  | 'phone'
  | 'dateOfBirth'
  | 'patientCard'
  | 'postalAddress'
  | 'operatorEntity'
  | 'operatorInn'
  | 'idDocument.number'
  | 'idDocument.issuedAt'
  | 'idDocument.issuer';

export type SenderValidation = { ok: true; sender: Sender } | { ok: false; errors: Partial<Record<SenderField, SenderErrorCode>> };

/** Validates the form; one error code per field (the first one), never throws. Unknown keys are dropped. */
export function validateSender(input: unknown): SenderValidation {
  const errors: Partial<Record<SenderField, SenderErrorCode>> = {};
  const obj = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(SENDER_FIELDS) as [keyof typeof SENDER_FIELDS, Field<unknown>][]) {
    const r = check(obj[key]);
    if ('code' in r) errors[key as SenderField] = r.code;
    else out[key] = r.value;
  }
  const rawDoc = obj.idDocument === undefined ? {} : obj.idDocument;
  const doc: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(ID_DOCUMENT_FIELDS) as [keyof IdDocument, Field<string>][]) {
    const r =
      typeof rawDoc === 'object' && rawDoc !== null ? check((rawDoc as Record<string, unknown>)[key]) : { code: 'required' as const };
    if ('code' in r) errors[`idDocument.${key}`] = r.code;
    else doc[key] = r.value;
  }
  out.idDocument = doc;
  // The identity document is all or nothing when included (art. 14 part 3 [S] lists all three).
  if (out.includeIdDocument === true) {
    for (const key of Object.keys(ID_DOCUMENT_FIELDS) as (keyof IdDocument)[]) {
      if (!doc[key] && !errors[`idDocument.${key}`]) errors[`idDocument.${key}`] = 'idDocument';
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, sender: out as unknown as Sender };
}

/** An empty form, every field present (a Sender, so it also serves where a whole one is needed). */
export function emptySenderInput(): Sender {
  return {
    fullName: '',
    email: '',
    phone: '',
    dateOfBirth: '',
    patientCard: '',
    postalAddress: '',
    includeIdDocument: false,
    idDocument: { number: '', issuedAt: '', issuer: '' },
    includeIdentifiers: false,
    operatorEntity: '',
    operatorInn: '',
  };
}

/**
 * Settings are a versioned item (store/sender-settings.ts, WXT storage.defineItem version).
 * Version 1 is the shape above. Bump it and add a step to migrateSenderSettings when the
 * shape changes.
 */
export const SENDER_SETTINGS_VERSION = 1;

/** Stored settings: the form as the user last saved it (may be incomplete); each text capped as the form caps raw input. */
export type StoredSender = Sender;

const text =
  (max: number): Field<string> =>
  (v) =>
    v === undefined ? { value: '' } : typeof v === 'string' && v.length <= max ? { value: v } : { code: 'required' };

const STORED_FIELDS: { [K in Exclude<keyof StoredSender, 'idDocument'>]: Field<StoredSender[K]> } = {
  fullName: text(NAME_MAX * 4),
  email: text(EMAIL_MAX * 4),
  phone: text(100),
  dateOfBirth: text(40),
  patientCard: text(FIELD_MAX * 4),
  postalAddress: text(FIELD_MAX * 4),
  includeIdDocument: flag,
  includeIdentifiers: flag,
  // Added in issue 13 with defaults, so version 1 values read back unchanged.
  operatorEntity: text(FIELD_MAX * 4),
  operatorInn: text(100),
};

const STORED_ID_DOCUMENT: { [K in keyof IdDocument]: Field<string> } = {
  number: text(FIELD_MAX * 4),
  issuedAt: text(40),
  issuer: text(FIELD_MAX * 4),
};

/** The stored settings checked field by field: the valid values, and the names of the fields that were not. */
export function readStoredSender(raw: unknown): { value: StoredSender; invalid: string[] } {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const invalid: string[] = [];
  const pick = (fields: Record<string, Field<unknown>>, src: Record<string, unknown>, prefix: string) => {
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(fields)) {
      let r = check(src[key]);
      if ('code' in r) {
        invalid.push(prefix + key);
        r = check(undefined); // every stored field has a default
      }
      if ('value' in r) out[key] = r.value;
    }
    return out;
  };
  const value = pick(STORED_FIELDS as Record<string, Field<unknown>>, obj, '') as unknown as StoredSender;
  const doc = obj.idDocument;
  if (doc !== undefined && (typeof doc !== 'object' || doc === null)) invalid.push('idDocument');
  value.idDocument = pick(
    STORED_ID_DOCUMENT,
    typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {},
    'idDocument.',
  ) as unknown as IdDocument;
  return { value, invalid };
}

/**
 * Brings a stored value of any earlier version to the current shape. Version 0 (or an
 * unversioned value) is treated as a loose object with the same field names; a field that
 * does not check becomes its default and the others are kept, never an error (settings are
 * a convenience).
 */
export function migrateSenderSettings(raw: unknown, _fromVersion = 0): StoredSender {
  if (typeof raw !== 'object' || raw === null) return readStoredSender({}).value;
  const obj = { ...(raw as Record<string, unknown>) };
  // Earlier drafts named the card field "card"; keep the user's value.
  if (typeof obj.card === 'string' && obj.patientCard === undefined) obj.patientCard = obj.card;
  return readStoredSender(obj).value;
}
