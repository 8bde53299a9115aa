/**
 * The bundled policy text and its normal form (issue #3). Pure: no node:crypto, no fs,
 * because this module is bundled into the extension as well as run in Node.
 */
import { fnv1a64 } from '../fnv1a';
import { POLICY_TEXT } from './policy-text.generated';
import { CONVERSION_MARKERS } from './text-source';

export { POLICY_TEXT };

/** Only whitespace folded (NBSP included): the form in which model quotes are exact substrings. */
export function foldWhitespace(s: string): string {
  return s.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, ' ').trim();
}

/**
 * The comparison form of a text: conversion markers dropped, Unicode NFC (folds the policy's
 * U+037E to ";"), NBSP and other spaces -> space, typographic quotes -> '"' / "'",
 * all dashes and the minus sign -> "-", ellipsis -> "...", soft hyphens and zero-width
 * characters removed, whitespace folded, trimmed. Case is kept (a changed capital is rare,
 * but it is a change of the text).
 */
export function normalizeText(s: string): string {
  let t = s;
  for (const re of CONVERSION_MARKERS) t = t.replace(re, ' ');
  t = t.normalize('NFC');
  t = t
    .replace(/\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
    .replace(/[«»„“”‟″〝〞＂]/g, '"')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g, '-')
    .replace(/\u2026/g, '...');
  return foldWhitespace(t);
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  minus: '−',
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsquo: '‘',
  rsquo: '’',
  shy: '\u00ad',
};

/** Removes markup: tags become line breaks (block boundaries), common entities are decoded. */
export function stripMarkup(s: string): string {
  return s
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n: string) => ENTITIES[n.toLowerCase()] ?? m);
}

/** A list bullet or number at the start of a line ("•", "-", "1.", "2)", "а)"): formatting, not text. */
const LINE_BULLET_RE = /^[ \t\u00a0]*(?:[•·▪●◦‣∙*\-–—−]|\d{1,2}[.)]|[a-zа-я][)])[ \t\u00a0]+/gimu;

/** Abbreviations after which a full stop does not end a sentence (addresses, "т.п.", "ст. 19"). */
const ABBREVIATIONS = new Set([
  'г',
  'ул',
  'ст',
  'п',
  'пп',
  'ч',
  'д',
  'т',
  'т.п',
  'т.е',
  'т.д',
  'др',
  'н',
  'no',
  'n',
  'см',
  'им',
  'e.g',
  'i.e',
]);

/**
 * The policy as a list of canonical sentences: markup stripped, line bullets and numbering
 * dropped, normalizeText(), ё folded to е, spaces before punctuation removed, split after
 * . ! ? ; : (not after abbreviations). Two renderings of the same text give the same list.
 */
export function canonicalSentences(s: string): string[] {
  const noMarkup = stripMarkup(s).replace(/\r\n?/g, '\n').replace(LINE_BULLET_RE, '');
  const t = normalizeText(noMarkup)
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/\s+([,.;:!?)»])/g, '$1')
    .replace(/([(«])\s+/g, '$1');
  const out: string[] = [];
  // In a one-line rendering, list numbers and bullets stay inline ("принципов: 1. законности;"):
  // a bare "1." becomes its own piece and is dropped, a leading bullet is cut.
  const push = (piece: string) => {
    const p = piece.trim().replace(/^(?:\d{1,2}[.)]|[-*•·▪●◦‣∙])\s+/u, '');
    if (p && !/^(?:\d{1,2}[.)]|[-*•·▪●◦‣∙])$/u.test(p)) out.push(p);
  };
  let start = 0;
  const re = /[.!?;:]+(?=\s)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const before = t.slice(start, m.index);
    const lastWord = (/([\p{L}.]+)$/u.exec(before)?.[1] ?? '').toLowerCase();
    if (m[0] === '.' && ABBREVIATIONS.has(lastWord)) continue;
    push(t.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  push(t.slice(start));
  return out;
}

/**
 * Version of a policy text: short hash of its canonical sentences, so that formatting changes
 * (markup, whitespace, quotes, dashes, bullets) keep the version and a changed word does not.
 */
export function textVersion(s: string): string {
  return fnv1a64(canonicalSentences(s).join('\n')).slice(0, 12);
}

/** Canonical sentences of the bundled policy. */
export const POLICY_SENTENCES: readonly string[] = canonicalSentences(POLICY_TEXT);

/** Version of the bundled policy text (12 hex digits). */
export const policyVersion: string = textVersion(POLICY_TEXT);
