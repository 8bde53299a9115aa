#!/usr/bin/env bash
# The main job (README "Quick start"): build the extension, serve the local replica of
# pro-medika.ru, audit it headless with the extension, print a summary table, and write
# audit-report/report.json plus a screenshot of the popup (audit-report/popup.png).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx wxt build --mode audit
npx tsx scripts/demo.ts "$@"
