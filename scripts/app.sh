#!/usr/bin/env bash
# The one command that installs and runs Earshot from a checkout.
#   bash scripts/app.sh                  run the app (electron-vite dev)
#   bash scripts/app.sh --with-emulator  also start the bundled Deepgram emulator and print its URL and demo key
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_environment app || exit 1
cd "$earshot_root"

if [[ "${1:-}" == --with-emulator ]]; then
  npm run --silent emulator &
  emulator_pid=$!
  trap 'kill $emulator_pid 2>/dev/null' EXIT
  sleep 2
fi
npm run dev
