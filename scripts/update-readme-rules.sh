#!/usr/bin/env bash
# Regenerates the README's rule table from the rule registry: the lines between the markers
# <!-- rules:begin --> and <!-- rules:end --> become `fivefold rules --format markdown`.
# Run it after adding or changing a rule in RuleRegistry; EndToEndTests (RulesCommandTests)
# fails while the README and the registry differ.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# The build log goes when the script ends, but when the build failed (the message names it).
trap '[ -z "$log" ] || rm -f "$log"' EXIT
if ! swift build --product fivefold >"$log" 2>&1; then
  grep -E "error:" "$log" | sort -u | head -40 >&2 || true
  echo "build failed (full log: $log)" >&2
  log=
  exit 1
fi
table=$(mktemp)
trap 'rm -f "$table"; [ -z "$log" ] || rm -f "$log"' EXIT
.build/debug/fivefold rules --format markdown >"$table"
begin='<!-- rules:begin -->'
end='<!-- rules:end -->'
grep -qxF "$begin" README.md && grep -qxF "$end" README.md || { echo "README.md lacks the $begin / $end markers" >&2; exit 1; }
awk -v begin="$begin" -v end="$end" -v table="$table" '
  $0 == begin { print; while ((getline line < table) > 0) print line; skipping = 1; next }
  $0 == end { skipping = 0 }
  !skipping { print }
' README.md >README.md.new
mv README.md.new README.md
echo "README.md: rule table regenerated ($(grep -c '^| `' "$table") rules)"
