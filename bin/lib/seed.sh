#!/usr/bin/env bash
# Uploads every .md/.txt/.json/.csv file under a directory to a knowledge base through the
# gateway, ~10 files per request, waits for each request's ingestion job (the upload answers 202
# with the job's URL) and prints what the ingestion service did with the files. The ingestion
# service picks the kind by name: .json = ticket export (one document per ticket), .csv = rows,
# *terms-of*/*agreement*/... .md = contract, other .md = Markdown. README.md and
# QUESTIONS.md are skipped: they describe the knowledge base (QUESTIONS.md is the answer key
# for evaluation) and must not become answer sources.
# Uploading unchanged files again is cheap: the ingestion service skips them by content hash.
#
#   bin/lib/seed.sh <gateway base url> [directory, default demo-kb]
#   env: RAG_SEED_KB (default "default"), RAG_SEED_API_KEY (default demo-admin-key),
#        RAG_SEED_BATCH (default 10), RAG_SEED_JOB_TIMEOUT (seconds per job, default 900)
set -euo pipefail

BASE_URL=${1:?usage: seed.sh <gateway base url> [directory]}
DIR=${2:-demo-kb}
KB=${RAG_SEED_KB:-default}
API_KEY=${RAG_SEED_API_KEY:-demo-admin-key}
BATCH=${RAG_SEED_BATCH:-10}
JOB_TIMEOUT=${RAG_SEED_JOB_TIMEOUT:-900}
ENDPOINT="${BASE_URL%/}/api/v1/knowledge-bases/$KB/documents"

[ -d "$DIR" ] || {
  echo "[seed] no $DIR/ directory; nothing to upload"
  exit 0
}
command -v curl >/dev/null || {
  echo "[seed] curl is required" >&2
  exit 1
}

# Prints "created updated unchanged failed" for one JSON response. Accepts either counters
# ({"created": n, ...}, possibly nested) or per-document entries with a status field.
summarize() {
  local file=$1
  if command -v jq >/dev/null 2>&1; then
    jq -r '
      def n: if type == "number" then . else 0 end;
      def count(names): [.. | objects | (.status // .outcome // .result // empty)
                         | strings | ascii_downcase | select(. as $s | names | index($s))] | length;
      (first(.. | objects | select([.created, .updated, .unchanged] | any(type == "number"))) // null) as $c
      | if $c != null then [($c.created | n), ($c.updated | n), ($c.unchanged | n), (($c.failed // $c.rejected) | n)]
        else [count(["created"]), count(["updated"]), count(["unchanged", "skipped"]),
              count(["failed", "rejected", "error"])] end
      | map(tostring) | join(" ")' "$file" 2>/dev/null && return 0
  fi
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$file" <<'PY' 2>/dev/null && return 0
import json, sys
doc = json.load(open(sys.argv[1]))
def walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from walk(child)
def num(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
keys = ("created", "updated", "unchanged")
counters = next((n for n in walk(doc) if isinstance(n, dict)
                 and any(isinstance(n.get(k), int) for k in keys)), None)
if counters is not None:
    out = [num(counters.get(k)) for k in keys] + [num(counters.get("failed", counters.get("rejected")))]
else:
    statuses = [str(n.get("status") or n.get("outcome") or n.get("result") or "").lower()
                for n in walk(doc) if isinstance(n, dict)]
    groups = (("created",), ("updated",), ("unchanged", "skipped"), ("failed", "rejected", "error"))
    out = [sum(s in g for s in statuses) for g in groups]
print(*out)
PY
  fi
  return 1
}

# Prints one top-level string field of a JSON file (jq, else python3).
json_field() {
  local file=$1 field=$2
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg f "$field" '.[$f] // empty' "$file" 2>/dev/null && return 0
  fi
  python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print(v if v is not None else "")' \
    "$file" "$field" 2>/dev/null
}

# Polls the job named in the 202 response in $tmp until it is completed or cancelled; leaves the
# finished job's JSON in $tmp. Fails when the job cannot be read or does not finish in time.
await_job() {
  local job_url status code waited=0
  job_url=$(json_field "$tmp" jobUrl)
  [ -n "$job_url" ] || return 1
  while :; do
    code=$(curl -sS -o "$tmp" -w '%{http_code}' --max-time 60 -H "X-Api-Key: $API_KEY" \
      -H 'Accept: application/json' "${BASE_URL%/}$job_url") || code=000
    [ "$code" = 200 ] || return 1
    status=$(json_field "$tmp" status)
    case $status in completed | cancelled) return 0 ;; esac
    [ "$waited" -lt "$JOB_TIMEOUT" ] || return 1
    sleep 1
    waited=$((waited + 1))
  done
}

files=()
while IFS= read -r f; do files+=("$f"); done < <(find "$DIR" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.json' -o -name '*.csv' \) ! -name README.md ! -name QUESTIONS.md |
  LC_ALL=C sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "[seed] no .md/.txt/.json/.csv files under $DIR/"
  exit 0
fi
echo "[seed] uploading ${#files[@]} files from $DIR/ to $ENDPOINT"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
total_c=0 total_u=0 total_n=0 total_f=0 failed_requests=0 request=0 summarized=1 ok_requests=0
i=0
while [ $i -lt ${#files[@]} ]; do
  request=$((request + 1))
  args=()
  for f in "${files[@]:i:BATCH}"; do
    rel=${f#"$DIR"/}
    case $f in
      *.md) type=text/markdown ;;
      *.json) type=application/json ;;
      *.csv) type=text/csv ;;
      *) type=text/plain ;;
    esac
    # The name relative to the directory keeps same-named files in different folders apart.
    args+=(-F "files=@\"$f\";filename=\"$rel\";type=$type")
  done
  count=$((${#files[@]} - i < BATCH ? ${#files[@]} - i : BATCH))
  i=$((i + BATCH))
  code=$(curl -sS -o "$tmp" -w '%{http_code}' --max-time 300 -H "X-Api-Key: $API_KEY" \
    -H 'Accept: application/json' "${args[@]}" "$ENDPOINT") || code=000
  if [ "$code" = 202 ] && ! await_job; then
    code="job-failed"
  fi
  case $code in
    2??)
      ok_requests=$((ok_requests + 1))
      if counts=$(summarize "$tmp") && [ -n "$counts" ]; then
        read -r created updated unchanged failed <<<"$counts"
        total_c=$((total_c + created)) total_u=$((total_u + updated))
        total_n=$((total_n + unchanged)) total_f=$((total_f + failed))
        echo "[seed] request $request ($count files): created $created, updated $updated, unchanged $unchanged$([ "$failed" = 0 ] || echo ", failed $failed")"
      else
        summarized=0
        echo "[seed] request $request ($count files): HTTP $code: $(head -c 2000 "$tmp")"
      fi
      ;;
    *)
      failed_requests=$((failed_requests + 1))
      echo "[seed] request $request ($count files) FAILED: HTTP $code: $(head -c 2000 "$tmp" 2>/dev/null)" >&2
      ;;
  esac
done
if [ $summarized = 1 ] && [ $ok_requests -gt 0 ]; then
  echo "[seed] total: created $total_c, updated $total_u, unchanged $total_n, failed $total_f"
fi
[ $failed_requests -eq 0 ] && [ "$total_f" -eq 0 ]
