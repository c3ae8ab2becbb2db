#!/usr/bin/env bash
# bench_doc_section NAME FILE: replaces the part of docs/benchmarks.md between
#   <!-- bench:NAME:start --> and <!-- bench:NAME:end -->
# with FILE's content (Markdown), appending a new marked section when none exists yet.
bench_doc_section() {
  local name=$1 content=$2 doc=${BENCH_DOC:-docs/benchmarks.md}
  local start="<!-- bench:${name}:start -->" end="<!-- bench:${name}:end -->"
  if grep -qF "$start" "$doc"; then
    awk -v start="$start" -v end="$end" -v file="$content" '
      $0 == start { print; while ((getline line < file) > 0) print line; skipping = 1; next }
      $0 == end { skipping = 0 }
      !skipping { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    { printf '\n%s\n' "$start"; cat "$content"; printf '%s\n' "$end"; } >> "$doc"
  fi
}
