# Sourced by scripts/test.sh and scripts/app.sh: makes sure this machine has what Earshot
# needs (system packages, Node >= 22.12, node_modules) and puts the right Node on PATH.
#
# Linux (and any other Unix): installs the Debian packages below as root or with password-less
# sudo; otherwise, or where there is no apt-get, it names them and stops.
# macOS and Windows (Git Bash): installs nothing. keytar talks to the OS keychain there and
# builds with the platform's own toolchain, and the test suites that need what only Linux
# provides here (espeak-ng, sox, Debian's Chromium, a private Secret Service, an X server with
# xdotool and xterm, a private PulseAudio server) skip themselves and say why.
#
# Written for bash 3.2 as well, the /bin/bash of macOS and of GitHub's macOS runners: no
# associative arrays, namerefs or mapfile, and no "${array[@]}" that may be empty under set -u.

case "$(uname -s)" in
  Linux) earshot_platform=linux ;;
  Darwin) earshot_platform=macos ;;
  MINGW* | MSYS* | CYGWIN*) earshot_platform=windows ;;
  *) earshot_platform=other ;;
esac

# On Windows, a path like D:/a/earshot (Git Bash's pwd -W) means the same to bash and to Node;
# /d/a/earshot would reach Node only through Git Bash's argument rewriting, which skips
# environment values.
earshot_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && { [[ $earshot_platform == windows ]] && pwd -W 2>/dev/null || pwd; })"
earshot_node_home="${EARSHOT_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/earshot/node-24}"

say() { printf 'earshot: %s\n' "$*" >&2; }

# Debian package:a command, or an absolute file, that proves it is installed.
earshot_packages_for_app="
  libsecret-1-dev:/usr/include/libsecret-1/libsecret/secret.h
  g++:g++
  make:make
  python3:python3
"
earshot_packages_for_tests="
  chromium:chromium
  espeak-ng:espeak-ng
  sox:sox
  gnome-keyring:gnome-keyring-daemon
  dbus:dbus-daemon
  libsecret-tools:secret-tool
  xvfb:Xvfb
  xdotool:xdotool
  xclip:xclip
  x11-utils:xprop
  xterm:xterm
  pulseaudio:pulseaudio
  pulseaudio-utils:paplay
"

# Prints, space-separated, the packages of the given package:probe list whose probe fails.
missing_packages() {
  local entry package probe missing=
  for entry in $1; do
    package=${entry%%:*}
    probe=${entry#*:}
    if [[ $probe == /* ]]; then
      [[ -e $probe ]] || missing="$missing $package"
    else
      command -v "$probe" >/dev/null 2>&1 || missing="$missing $package"
    fi
  done
  printf '%s' "${missing# }"
}

# $1: space-separated Debian package names (not empty).
install_debian_packages() {
  local packages=$1 sudo_command=
  if [[ $(id -u) -eq 0 ]]; then
    sudo_command=
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_command=sudo
  elif command -v apt-get >/dev/null 2>&1; then
    say "these Debian/Ubuntu packages are missing: $packages"
    say "install them with: sudo apt-get install -y $packages   (then run this command again)"
    return 1
  else
    say "these packages (Debian names) are missing: $packages; install their equivalents and run this again"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing packages (Debian names): $packages; this is not a Debian-like system, install their equivalents"
    return 1
  fi
  say "installing Debian packages: $packages"
  # $sudo_command and $packages are word lists on purpose (no package name has a space).
  $sudo_command env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    $sudo_command env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
}

# $1: "app" or "tests"
ensure_system_packages() {
  local purpose=$1 missing
  case $earshot_platform in
    macos | windows)
      # Nothing to install: keytar uses the Keychain or the Credential Manager, from a prebuilt
      # binary or built with Xcode's or Visual Studio's tools.
      if [[ $purpose == tests ]]; then
        say "on $earshot_platform nothing is installed: the suites that need espeak-ng, sox, Debian's Chromium,"
        say "a private Secret Service, Xvfb with xdotool and xterm, or PulseAudio (Linux only) are reported as"
        say "skipped, with the reason"
      fi
      ;;
    *)
      missing=$(missing_packages "$earshot_packages_for_app")
      if [[ $purpose == tests ]]; then missing="$missing $(missing_packages "$earshot_packages_for_tests")"; fi
      missing=${missing# }
      missing=${missing% }
      [[ -z $missing ]] || install_debian_packages "$missing"
      ;;
  esac
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
  ensure_system_packages "$1" || return 1
  ensure_node || return 1
  ensure_node_modules || return 1
  say "using Node $(node --version)"
}
