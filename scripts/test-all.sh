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
step "lint"
npx eslint .
step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/results/vitest.json
step "build: Chromium MV3 (store and audit builds), Firefox"
npx wxt build
npx wxt build --mode audit
npx wxt build -b firefox
npx wxt build -b firefox --mode audit
step "web-ext lint (Firefox build; the Chromium build's code), no test hooks in the store builds"
npx web-ext lint --source-dir .output/firefox-mv2 --output json > .tmp/results/web-ext-lint.json || true
node scripts/check-web-ext-lint.mjs .tmp/results/web-ext-lint.json
npx web-ext lint --source-dir .output/chrome-mv3 --output json > .tmp/results/web-ext-lint-chrome.json || true
node scripts/check-web-ext-lint.mjs .tmp/results/web-ext-lint-chrome.json --code-only
node scripts/check-store-build.mjs .output/chrome-mv3 .output/firefox-mv2
step "e2e (Playwright, Debian Chromium, headless; Firefox smoke test with firefox-esr over WebDriver BiDi)"
SKIP_BUILD=1 PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/results/playwright.json npx playwright test --reporter=list,json
step "summary"
node scripts/summarize-results.mjs .tmp/results/vitest.json .tmp/results/playwright.json
