#!/usr/bin/env bash
# The one command that runs every Earshot test: installs what is missing, builds, checks
# types, lint and security rules, then runs the suites in test/: unit and integration
# (vitest), browser and electron (Playwright). Exits non-zero if anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/environment.sh"
ensure_environment tests || exit 1
cd "$earshot_root"

results_dir="$earshot_root/test-results/summary"
rm -rf "$results_dir" && mkdir -p "$results_dir"
failures=()
step() {
  local name=$1
  shift
  printf '\n── %s ──\n' "$name"
  "$@" || failures+=("$name")
}

step build npm run --silent build
step typecheck npm run --silent typecheck
step lint npm run --silent lint
step security-lint npm run --silent lint:security
# The suites, by what they need (README, "Test it"); each is also `npm run test:<suite>`.
for suite in unit integration; do
  step "$suite" npm run --silent "test:$suite" -- \
    --reporter=default --reporter=json --outputFile.json="$results_dir/vitest-$suite.json"
done
for suite in browser electron; do
  step "$suite" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results_dir/playwright-$suite.json" \
    npm run --silent "test:$suite" -- --reporter=list,json
done

node scripts/summarize-test-results.mjs "$results_dir" ${failures[@]+"${failures[@]}"}
[[ ${#failures[@]} -eq 0 ]]
