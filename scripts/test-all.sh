#!/usr/bin/env bash
# The one command that runs every test (README "Quick start"; .ci/run calls it).
# Installs what it needs: npm ci, and Debian's Chromium when /usr/bin/chromium is missing
# and apt is usable. No test tool downloads a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

bash scripts/ensure-deps.sh

mkdir -p .tmp/results
step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npx tsc --noEmit -p tsconfig.json
step "lint (eslint, prettier --check)"
npm run lint
step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/results/vitest.json
step "build: store packages (Chrome Web Store zip, AMO zip and sources zip), audit builds (Chromium, Firefox)"
npm run package
npx wxt build --mode audit
npx wxt build -b firefox --mode audit
step "web-ext lint of both packages; no test hooks in them; the Chrome package loads in Chromium without manifest warnings"
# The Chrome package is allowed one Firefox-only error: the background.scripts fallback, on which Chromium warns.
for b in chrome firefox; do npx tsx scripts/unzip.ts .output/*-"$b".zip .tmp/packages/"$b"; done
npx web-ext lint --source-dir .tmp/packages/firefox --output json > .tmp/results/web-ext-lint.json || true
node scripts/check-web-ext-lint.mjs .tmp/results/web-ext-lint.json
npx web-ext lint --source-dir .tmp/packages/chrome --output json > .tmp/results/web-ext-lint-chrome.json || true
node scripts/check-web-ext-lint.mjs .tmp/results/web-ext-lint-chrome.json --allow BACKGROUND_SERVICE_WORKER_NOFALLBACK
node scripts/check-store-build.mjs .tmp/packages/chrome .tmp/packages/firefox
step "e2e (Playwright, Debian Chromium, headless; Firefox smoke test with firefox-esr over WebDriver BiDi)"
SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/results/playwright.json npx playwright test --reporter=list,json
step "summary"
node scripts/summarize-results.mjs .tmp/results/vitest.json .tmp/results/playwright.json
