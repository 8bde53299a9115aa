import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', 'audit-report/', 'test-results/', '.tmp/', 'policy/catalogue/ocd-table.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // No HTML sinks in extension code (store review; scripts/vite-no-eval.ts drops preact's).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'render text, not HTML' },
      ],
    },
  },
  {
    // No production line over 140 characters (Prettier's printWidth); long strings, URLs and regular expressions excepted.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['tests/**', 'bench/**', '**/*.generated.ts'],
    rules: {
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // policy/ is the pure engine: it must never import browser APIs (DEVELOPERS.md).
    files: ['policy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['wxt/browser', 'webextension-polyfill', 'wxt/storage'], patterns: ['wxt/*', '../entrypoints/*', '../components/*'] },
      ],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document'],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['bench/harness/bare-webrequest/*.js', 'bench/harness/bare-cold-start/*.js'],
    languageOptions: { globals: { chrome: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['tests/replica/assets/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        Image: 'readonly',
        XMLHttpRequest: 'readonly',
        WebSocket: 'readonly',
        setTimeout: 'readonly',
        console: 'readonly',
        btoa: 'readonly',
        encodeURIComponent: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
);
