#!/usr/bin/env bash
# Fails when a shipped language has a message without a finished translation.
# Run after the update_translations target (lupdate), so new strings count too.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for ts in resources/translations/counterpart_*.ts; do
  total=$(grep -c '<message' "$ts" || true)
  unfinished=$(grep -cE 'type="unfinished"|<translation/>|<translation></translation>' "$ts" || true)
  echo "translations: $ts: $total messages, $unfinished unfinished"
  if [ "$unfinished" -gt 0 ]; then
    grep -B4 -E 'type="unfinished"' "$ts" | grep '<source>' | head -n 20 | sed 's/^/  unfinished: /'
    status=1
  fi
done
exit $status
