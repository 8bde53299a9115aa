#!/usr/bin/env bash
# Installs the project's dependencies on a fresh machine of this kind:
# - npm packages from the lock file (npm ci), when node_modules is missing or CI=true;
# - Debian's Chromium (/usr/bin/chromium) when it is missing and apt-get is usable;
# - Debian's firefox-esr (/usr/bin/firefox-esr, the Firefox smoke test) likewise; without it
#   that one test is skipped and says why.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
apt_ok() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; }
# Debian ships Chromium's UI translations separately (chromium-l10n); without them the
# browser UI, and so the extension's i18n, falls back to English. Best effort: the
# extension and the tests work in either language.
if [ -z "${CHROMIUM_PATH:-}" ] && [ -x /usr/bin/chromium ] && [ ! -e /usr/lib/chromium/locales/ru.pak ] && apt_ok; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-l10n >/dev/null) || echo "note: chromium-l10n not installed; the browser UI stays English" >&2
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if apt_ok; then
    echo "Installing Debian's chromium (apt-get)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-l10n >/dev/null || echo "note: chromium-l10n not installed; the browser UI stays English" >&2
  else
    echo "Chromium is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 2
  fi
fi
if [ -z "${FIREFOX_PATH:-}" ] && [ ! -x /usr/bin/firefox-esr ]; then
  if apt_ok; then
    echo "Installing Debian's firefox-esr (apt-get)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null || echo "note: firefox-esr not installed; the Firefox smoke test is skipped" >&2
  else
    echo "note: firefox-esr is missing (apt-get install firefox-esr); the Firefox smoke test is skipped" >&2
  fi
fi
