import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// Two builds share one code base:
// - default ("store") build: required host permissions only for pro-medika.ru and the
//   catalogue vendors whose cookies it reads; everything broader is optional and asked
//   for at runtime with a reason (issue #2, least privilege).
// - audit build (`wxt build --mode audit`): the QA build that the headless audit command
//   and the e2e suite load. It grants <all_urls> up front, because a headless run cannot
//   answer a permission prompt, and observing unidentified third parties through
//   webRequest needs host access to the request URL (Chrome docs: webRequest needs host
//   permission for both the request URL and its initiator).
import { requiredHostPermissions } from './policy/site/permissions';
import { noEval } from './scripts/vite-no-eval';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  // AMO's sources zip: what builds the add-on (npm ci && npx wxt build -b firefox); tests and benchmarks are left out.
  zip: { excludeSources: ['tests/**', 'bench/**', 'audit-report/**', '.tmp/**'] },
  vite: () => ({
    plugins: [noEval()],
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: {
      alias: [
        { find: 'react', replacement: 'preact/compat' },
        { find: 'react-dom', replacement: 'preact/compat' },
        // tldts's own minified build: from its ES module sources the minifier copies the public
        // suffix trie's label string into each function that reads it (three copies, +66 KB gzip
        // in the service worker).
        { find: /^tldts$/, replacement: fileURLToPath(new URL('./node_modules/tldts/dist/index.esm.min.js', import.meta.url)) },
      ],
    },
    build: { target: 'es2022' },
  }),
  manifest: ({ mode }) => {
    const audit = mode === 'audit';
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'ru',
      permissions: ['cookies', 'webRequest', 'storage'],
      host_permissions: audit ? ['<all_urls>'] : requiredHostPermissions,
      optional_host_permissions: audit ? [] : ['<all_urls>'],
      action: { default_title: '__MSG_extName__' },
      // The Chrome package carries the Firefox block too, so that `web-ext lint` of both packages
      // finds an add-on ID: Chromium ignores this key without a warning (docs/architecture.md, Builds).
      browser_specific_settings: {
        gecko: {
          id: 'tracker-lens@pro-medika.example',
          strict_min_version: '115.0',
          // The extension collects and transmits nothing (Firefox built-in data consent).
          data_collection_permissions: { required: ['none'] },
        },
      },
    };
  },
});
