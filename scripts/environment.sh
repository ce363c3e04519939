# Sourced by scripts/test.sh and scripts/app.sh: makes sure this machine has what Earshot
# needs (Debian packages, Node >= 22.12, node_modules) and puts the right Node on PATH.
# Installs system packages only as root or with password-less sudo; otherwise it names
# them and stops.

earshot_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
earshot_node_home="${EARSHOT_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/earshot/node-24}"

say() { printf 'earshot: %s\n' "$*" >&2; }

# Debian package → a command or file that proves it is installed.
declare -A earshot_packages_for_app=(
  [libsecret-1-dev]=/usr/include/libsecret-1/libsecret/secret.h
  [g++]=g++
  [make]=make
  [python3]=python3
)
declare -A earshot_packages_for_tests=(
  [chromium]=chromium
  [espeak-ng]=espeak-ng
  [sox]=sox
  [gnome-keyring]=gnome-keyring-daemon
  [dbus]=dbus-daemon
  [libsecret-tools]=secret-tool
)

missing_packages() {
  local -n wanted=$1
  local package probe
  for package in "${!wanted[@]}"; do
    probe="${wanted[$package]}"
    if [[ "$probe" == /* ]]; then [[ -e "$probe" ]] || echo "$package"; else command -v "$probe" >/dev/null 2>&1 || echo "$package"; fi
  done
}

install_system_packages() {
  local packages=("$@")
  [[ ${#packages[@]} -eq 0 ]] && return 0
  local runner=()
  if [[ $(id -u) -eq 0 ]]; then
    runner=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    runner=(sudo)
  elif command -v apt-get >/dev/null 2>&1; then
    say "these Debian/Ubuntu packages are missing: ${packages[*]}"
    say "install them with: sudo apt-get install -y ${packages[*]}   (then run this command again)"
    return 1
  else
    say "these packages (Debian names) are missing: ${packages[*]}; install their equivalents and run this again"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing packages (Debian names): ${packages[*]}; this is not a Debian-like system, install their equivalents"
    return 1
  fi
  say "installing Debian packages: ${packages[*]}"
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
}

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

ensure_node() {
  if node_is_recent_enough; then return 0; fi
  export PATH="$earshot_node_home/node_modules/node/bin:$PATH"
  if node_is_recent_enough; then return 0; fi
  command -v npm >/dev/null 2>&1 || { say "Node.js and npm are needed (Node >= 22.12); install them and run this again"; return 1; }
  say "Node $(node --version 2>/dev/null || echo none) is older than 22.12; installing Node 24 from the npm registry into $earshot_node_home"
  mkdir -p "$earshot_node_home"
  printf '{"name":"earshot-node","private":true,"allowScripts":{"node":true}}\n' >"$earshot_node_home/package.json"
  (cd "$earshot_node_home" && npm install --no-package-lock --no-audit --no-fund node@24 >/dev/null) || return 1
  # bash remembers where it last found `node`; make it look again in the new directory.
  hash -r
  node_is_recent_enough || { say "could not install Node 24"; return 1; }
}

ensure_node_modules() {
  local stamp="$earshot_root/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$earshot_root/package-lock.json" -nt "$stamp" ]]; then
    say "installing npm dependencies (npm ci)"
    (cd "$earshot_root" && npm ci --no-audit --no-fund) || return 1
  fi
  return 0
}

# $1: "app" or "tests"
ensure_environment() {
  local purpose=$1 missing=()
  mapfile -t missing < <(missing_packages earshot_packages_for_app)
  if [[ $purpose == tests ]]; then mapfile -t -O "${#missing[@]}" missing < <(missing_packages earshot_packages_for_tests); fi
  install_system_packages "${missing[@]}" || return 1
  ensure_node || return 1
  ensure_node_modules || return 1
  say "using Node $(node --version)"
}
