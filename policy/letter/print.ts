/**
 * The print view (issue #4: "a print view of the letter with date and signature line, for a
 * signed paper copy"). Returns a complete HTML document for a print window; every piece of
 * text is escaped, so markup typed into a name or address prints as text.
 */
import type { Letter } from './compose';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for element content and quoted attributes. Its own few lines rather than the
 * HTML report's esc (policy/export/html.ts): importing that loads the whole report renderer
 * into request.html (budget 40 KB gzip, issue #14).
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function renderPrintableLetter(letter: Letter): string {
  const hasSignature = /^Подпись:/m.test(letter.body);
  const signature = hasSignature ? '' : '\n<p class="sign">Дата: ____________ &nbsp;&nbsp; Подпись: ____________________</p>';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(letter.subject)}</title>
<style>
body { font: 12pt/1.45 "Times New Roman", serif; margin: 2cm; color: #000; }
h1 { font-size: 13pt; margin: 0 0 1em; }
pre { white-space: pre-wrap; word-wrap: break-word; font: inherit; margin: 0; }
.sign { margin-top: 2em; }
</style>
</head>
<body>
<h1>${escapeHtml(letter.subject)}</h1>
<pre>${escapeHtml(letter.body)}</pre>${signature}
</body>
</html>
`;
}
