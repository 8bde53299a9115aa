import { z } from 'zod';

/**
 * The sender block of the letter (issue #4 "Sender"): full name, e-mail and phone are
 * required; date of birth, patient card / contract number and postal address are optional;
 * the identity document (number, date of issue, issuer) is off by default and included only
 * with includeIdDocument, because 152-FZ art. 14 part 3 [S] lists those details for an access
 * request. Saved locally as a versioned settings item (store/sender-settings.ts); never sent
 * anywhere by the extension.
 *
 * Zod messages are codes (SenderErrorCode) so that the UI shows them in Russian or English
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

const line = (max: number, code: SenderErrorCode) =>
  z
    .string()
    .max(max * 4, { message: code })
    .transform(cleanLine)
    .pipe(z.string().max(max, { message: code }));

const requiredLine = (max: number, code: SenderErrorCode) =>
  z
    .string()
    .max(max * 4, { message: code })
    .transform(cleanLine)
    .pipe(z.string().min(1, { message: 'required' }).max(max, { message: code }));

const optionalLine = (max: number, code: SenderErrorCode) => line(max, code).optional().default('');

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

const emailSchema = z
  .string()
  .max(EMAIL_MAX * 4, { message: 'email' })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, { message: 'required' }).refine(isValidEmail, { message: 'email' }));

const phoneSchema = z
  .string()
  .max(100, { message: 'phone' })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, { message: 'required' }))
  .transform((v, ctx) => {
    const p = normalizePhone(v);
    if (p === null) {
      ctx.addIssue({ code: 'custom', message: 'phone' });
      return z.NEVER;
    }
    return p;
  });

function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 1900;
}

const optionalDate = z
  .string()
  .max(40, { message: 'date' })
  .transform((v) => v.trim())
  .refine((v) => v === '' || isIsoDate(v), { message: 'date' })
  .optional()
  .default('');

export const IdDocumentSchema = z.object({
  number: optionalLine(FIELD_MAX, 'tooLong'),
  issuedAt: optionalDate,
  issuer: optionalLine(FIELD_MAX, 'tooLong'),
});
export type IdDocument = z.infer<typeof IdDocumentSchema>;

export const SenderSchema = z
  .object({
    fullName: requiredLine(NAME_MAX, 'nameTooLong'),
    email: emailSchema,
    phone: phoneSchema,
    dateOfBirth: optionalDate,
    /** Patient card or contract number: proves the relationship with the clinic (art. 14 part 3 [S]). */
    patientCard: optionalLine(FIELD_MAX, 'tooLong'),
    postalAddress: optionalLine(FIELD_MAX, 'tooLong'),
    includeIdDocument: z.boolean().default(false),
    idDocument: IdDocumentSchema.default({ number: '', issuedAt: '', issuer: '' }),
    /** Quote the _ym_uid / _ga client ids in the letter. Off by default (issue #4). */
    includeIdentifiers: z.boolean().default(false),
    /**
     * The operator's legal entity and its INN, optional (issue 13): the policy names no legal
     * entity; Roskomnadzor's register of operators (art. 22) shows it.
     */
    operatorEntity: optionalLine(FIELD_MAX, 'tooLong'),
    operatorInn: z
      .string()
      .max(100, { message: 'inn' })
      .transform((v) => v.replace(/\s+/g, ''))
      .pipe(z.string().refine((v) => v === '' || /^(\d{10}|\d{12})$/.test(v), { message: 'inn' }))
      .default(''),
  })
  .superRefine((s, ctx) => {
    if (!s.includeIdDocument) return;
    for (const k of ['number', 'issuedAt', 'issuer'] as const) {
      if (!s.idDocument[k]) ctx.addIssue({ code: 'custom', path: ['idDocument', k], message: 'idDocument' });
    }
  });
export type Sender = z.output<typeof SenderSchema>;
export type SenderInput = z.input<typeof SenderSchema>;

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

/** Validates the form; one error code per field (the first one), never throws. */
export function validateSender(input: unknown): SenderValidation {
  const res = SenderSchema.safeParse(input);
  if (res.success) return { ok: true, sender: res.data };
  const errors: Partial<Record<SenderField, SenderErrorCode>> = {};
  for (const issue of res.error.issues) {
    const field = issue.path.join('.') as SenderField;
    if (!(field in errors)) {
      const code = (issue.message in SENDER_ERRORS ? issue.message : 'required') as SenderErrorCode;
      errors[field] = code;
    }
  }
  return { ok: false, errors };
}

/** An empty form. */
export function emptySenderInput(): SenderInput {
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

/** Stored settings: the form as the user last saved it (may be incomplete). */
export const StoredSenderSchema = z.object({
  fullName: z
    .string()
    .max(NAME_MAX * 4)
    .default(''),
  email: z
    .string()
    .max(EMAIL_MAX * 4)
    .default(''),
  phone: z.string().max(100).default(''),
  dateOfBirth: z.string().max(40).default(''),
  patientCard: z
    .string()
    .max(FIELD_MAX * 4)
    .default(''),
  postalAddress: z
    .string()
    .max(FIELD_MAX * 4)
    .default(''),
  includeIdDocument: z.boolean().default(false),
  idDocument: z
    .object({
      number: z
        .string()
        .max(FIELD_MAX * 4)
        .default(''),
      issuedAt: z.string().max(40).default(''),
      issuer: z
        .string()
        .max(FIELD_MAX * 4)
        .default(''),
    })
    .default({ number: '', issuedAt: '', issuer: '' }),
  includeIdentifiers: z.boolean().default(false),
  // Added in issue 13 with defaults, so version 1 values read back unchanged.
  operatorEntity: z
    .string()
    .max(FIELD_MAX * 4)
    .default(''),
  operatorInn: z.string().max(100).default(''),
});
export type StoredSender = z.output<typeof StoredSenderSchema>;

/**
 * Brings a stored value of any earlier version to the current shape. Version 0 (or an
 * unversioned value) is treated as a loose object with the same field names; anything
 * unreadable becomes an empty form rather than an error (settings are a convenience).
 */
export function migrateSenderSettings(raw: unknown, _fromVersion = 0): StoredSender {
  if (typeof raw !== 'object' || raw === null) return StoredSenderSchema.parse({});
  const obj = { ...(raw as Record<string, unknown>) };
  // Earlier drafts named the card field "card"; keep the user's value.
  if (typeof obj.card === 'string' && obj.patientCard === undefined) obj.patientCard = obj.card;
  const res = StoredSenderSchema.safeParse(obj);
  if (res.success) return res.data;
  // Keep the valid fields one by one.
  const out: Record<string, unknown> = {};
  const shape = StoredSenderSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const one = shape[key].safeParse(obj[key]);
    if (one.success) out[key] = one.data;
  }
  return StoredSenderSchema.parse(out);
}
