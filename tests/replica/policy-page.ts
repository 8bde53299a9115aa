import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POLICY_SENTENCE_ALTERED, POLICY_SENTENCE_VERBATIM } from './ids';

export type PolicyVariant = 'verbatim' | 'altered';

const POLICY_FILE = fileURLToPath(new URL('./content/pro-medika-privacy-policy.txt', import.meta.url));

/** The policy text as copied (content/SOURCE.md), read once. */
export function policySourceText(): string {
  return readFileSync(POLICY_FILE, 'utf8');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One block of the policy as served: heading, paragraph or list item. */
export interface PolicyBlock {
  kind: 'h1' | 'h2' | 'p' | 'li';
  text: string;
}

/**
 * Splits the converted text into blocks. Conversion leftovers ("[image: ]" lines and the
 * "[bookmark: _GoBack]" prefix, see content/SOURCE.md) are dropped; every other character of
 * a line is kept, so sentences stay verbatim. Indented lines were bullets in the original.
 */
export function policyBlocks(variant: PolicyVariant = 'verbatim'): PolicyBlock[] {
  let text = policySourceText().replace(/\r\n/g, '\n');
  if (variant === 'altered') {
    // Exactly one sentence changes (the storage location), so change detection has one diff.
    if (!text.includes(POLICY_SENTENCE_VERBATIM)) throw new Error('policy sentence to alter not found');
    text = text.replace(POLICY_SENTENCE_VERBATIM, POLICY_SENTENCE_ALTERED);
  }
  const blocks: PolicyBlock[] = [];
  const lines = text.split('\n');
  let i = 0;
  // The title spans two lines in the converted text ("Политика конфиденциальности" / " Посетителей интернет-сайта").
  while (i < lines.length) {
    const raw = lines[i].replace(/\[bookmark: _GoBack\]/g, '');
    i++;
    if (raw.trim() === '' || raw.trim() === '[image: ]') continue;
    const line = raw.trim();
    if (blocks.length === 0) {
      const next = (lines[i] ?? '').trim();
      blocks.push({ kind: 'h1', text: next ? `${line} ${next}` : line });
      if (next) i++;
      continue;
    }
    if (/^\s{2,}\S/.test(raw) || /^\t/.test(raw)) blocks.push({ kind: 'li', text: line });
    else if (line.length <= 60 && !/[.;]$/.test(line) && !/^\d+\./.test(line)) blocks.push({ kind: 'h2', text: line });
    else blocks.push({ kind: 'p', text: line });
  }
  return blocks;
}

/** The policy article as HTML (inner content of <main>). */
export function policyHtml(variant: PolicyVariant = 'verbatim'): string {
  const out: string[] = ['<article class="policy">'];
  let inList = false;
  for (const b of policyBlocks(variant)) {
    if (b.kind === 'li' && !inList) {
      out.push('<ul>');
      inList = true;
    }
    if (b.kind !== 'li' && inList) {
      out.push('</ul>');
      inList = false;
    }
    out.push(`<${b.kind}>${escapeHtml(b.text)}</${b.kind}>`);
  }
  if (inList) out.push('</ul>');
  out.push('</article>');
  return out.join('\n');
}
