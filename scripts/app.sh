#!/usr/bin/env bash
# The one command that installs and runs Earshot from a checkout.
#   bash scripts/app.sh                  run the app (electron-vite dev)
#   bash scripts/app.sh --with-emulator  also start the bundled Deepgram emulator and print its URL and demo key
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_environment app || exit 1
cd "$earshot_root"

emulator_group=
stop_emulator() {
  # The emulator runs in a process group of its own: end all of it, not just its first process.
  [[ -n "$emulator_group" ]] && kill -TERM -- "-$emulator_group" 2>/dev/null
  emulator_group=
}
if [[ "${1:-}" == --with-emulator ]]; then
  set -m
  node_modules/.bin/tsx emulator/cli.ts &
  emulator_group=$!
  set +m
  trap stop_emulator EXIT
  trap 'exit 130' INT TERM
  sleep 2
fi
# The electron npm package downloads its own binary on first use, from GitHub's release
# downloads (or ELECTRON_MIRROR); say so plainly when that is out of reach.
if ! install_log=$(npx --no-install install-electron 2>&1); then
  say "Earshot could not download Electron's own program, which the electron package fetches on first run"
  say "from GitHub's release downloads (or from ELECTRON_MIRROR when that is set)."
  say "Check this machine's network connection or proxy, or set ELECTRON_MIRROR to a mirror you can reach,"
  say "then run this command again. (The installer said: ${install_log##*$'\n'})"
  exit 1
fi

npx --no-install electron-vite dev
