import type { Plugin } from 'vite';

/**
 * Keeps eval and HTML sinks out of the extension's bundles (store review: web-ext lint's
 * DANGEROUS_EVAL and UNSAFE_VAR_ASSIGNMENT). Each edit removes a code path the extension never
 * takes, and fails the build when the library no longer has the text it replaces.
 * - zod: its probe for `new Function` is replaced by "no eval", so zod always parses with
 *   its interpreter (what `z.config({ jitless: true })` selects), and its compiler is removed;
 * - core-js-pure (through mimetext): globalThis is always there, `Function('return this')` is not needed;
 * - preact: dangerouslySetInnerHTML is never used (eslint forbids it), so its innerHTML write goes.
 */
const EDITS: { file: RegExp; from: string | RegExp; to: string }[] = [
  { file: /\/zod\/v4\/core\/util\.js$/, from: /const F = Function;\s*new F\(""\);\s*return true;/, to: 'return false;' },
  {
    file: /\/zod\/v4\/core\/doc\.js$/,
    from: /const F = Function;[^]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);/,
    to: "throw new Error('zod: the JIT compiler is not in this build');",
  },
  { file: /\/core-js-pure\/internals\/global-this\.js$/, from: " || Function('return this')()", to: '' },
  { file: /\/preact\/dist\/preact\.module\.js$/, from: '||(u.innerHTML=h.__html)', to: '' },
];

export function noEval(): Plugin {
  return {
    name: 'tracker-lens-no-eval',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      let out = code;
      for (const edit of EDITS) {
        if (!edit.file.test(path)) continue;
        const next = out.replace(edit.from, edit.to);
        if (next === out) this.error(`no-eval: ${path} no longer contains ${String(edit.from)}; check the library update and this edit`);
        out = next;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}
