#!/usr/bin/env bash
# Sourced by bin/load and bin/faults: the five services (and the OpenAI-compatible stub as the model) as
# processes this script owns, so a fault scenario can stop and restart one of them while the others run
# (bin/run-platform stops everything when one service exits). Same jars, profile and JVM defaults as `make run`.
# Env: RAG_*_PORT (default 8080-8084), LOAD_STUB_PORT (8090), RAG_DB_URL/USER/PASSWORD (the local `supportrag`),
# RAG_JAVA_OPTS (JVM flags after the per-service defaults of bin/lib/jvm-memory.sh, as bin/run-platform does),
# LOAD_JVM_DEFAULTS=0 (leave those defaults out: only -Xms64m -Xmx768m, the flags before issue 18's tuning),
# LOAD_BUILD=0 (use the jars as they are).

LP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LP_VERSION=0.1.0-SNAPSHOT
LP_SERVICES=(ingestion-service retrieval-service generation-service eval-service gateway-service)
LP_RUN=$LP_ROOT/.run/load
LP_LOGS=$LP_RUN/logs
mkdir -p "$LP_LOGS"
# shellcheck source=bin/lib/jvm-memory.sh
source "$LP_ROOT/bin/lib/jvm-memory.sh"

export RAG_GATEWAY_PORT=${RAG_GATEWAY_PORT:-8080}
export RAG_INGESTION_PORT=${RAG_INGESTION_PORT:-8081}
export RAG_RETRIEVAL_PORT=${RAG_RETRIEVAL_PORT:-8082}
export RAG_GENERATION_PORT=${RAG_GENERATION_PORT:-8083}
export RAG_EVAL_PORT=${RAG_EVAL_PORT:-8084}
export LOAD_STUB_PORT=${LOAD_STUB_PORT:-8090}
# Where each service reaches its peers: the relaxed names of the rag.<service>.*-url properties.
export RAG_GATEWAY_INGESTION_URL=${RAG_GATEWAY_INGESTION_URL:-http://127.0.0.1:$RAG_INGESTION_PORT}
export RAG_GATEWAY_RETRIEVAL_URL=${RAG_GATEWAY_RETRIEVAL_URL:-http://127.0.0.1:$RAG_RETRIEVAL_PORT}
export RAG_GENERATION_RETRIEVAL_URL=${RAG_GENERATION_RETRIEVAL_URL:-http://127.0.0.1:$RAG_RETRIEVAL_PORT}
export RAG_INGESTION_RETRIEVAL_URL=${RAG_INGESTION_RETRIEVAL_URL:-http://127.0.0.1:$RAG_RETRIEVAL_PORT}
export RAG_EVAL_RUNS_RETRIEVAL_URL=${RAG_EVAL_RUNS_RETRIEVAL_URL:-http://127.0.0.1:$RAG_RETRIEVAL_PORT}
export RAG_GATEWAY_GENERATION_URL=${RAG_GATEWAY_GENERATION_URL:-http://127.0.0.1:$RAG_GENERATION_PORT}
export RAG_INGESTION_GENERATION_URL=${RAG_INGESTION_GENERATION_URL:-http://127.0.0.1:$RAG_GENERATION_PORT}
export RAG_EVAL_GENERATION_URL=${RAG_EVAL_GENERATION_URL:-http://127.0.0.1:$RAG_GENERATION_PORT}
export RAG_EVAL_RUNS_CHAT_URL=${RAG_EVAL_RUNS_CHAT_URL:-http://127.0.0.1:$RAG_GENERATION_PORT}
export RAG_GATEWAY_EVAL_URL=${RAG_GATEWAY_EVAL_URL:-http://127.0.0.1:$RAG_EVAL_PORT}
export RAG_GENERATION_PROMPT_GATE_EVAL_URL=${RAG_GENERATION_PROMPT_GATE_EVAL_URL:-http://127.0.0.1:$RAG_EVAL_PORT}
export RAG_DB_URL=${RAG_DB_URL:-jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/supportrag}
export RAG_DB_USER=${RAG_DB_USER:-supportrag}
export RAG_DB_PASSWORD=${RAG_DB_PASSWORD:-supportrag}
export RAG_INTERNAL_TOKEN_SECRET=${RAG_INTERNAL_TOKEN_SECRET:-$(head -c 48 /dev/urandom | base64 -w0)}
export RAG_DEMO_PASSWORD=${RAG_DEMO_PASSWORD:-load-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}
# The model: the stub over HTTP, answering with a short cited sentence at a realistic pace.
export RAG_GENERATION_MODELS_PRIMARY_PROVIDER=openai
export RAG_GENERATION_MODELS_PRIMARY_BASEURL=http://127.0.0.1:$LOAD_STUB_PORT/v1
export RAG_GENERATION_MODELS_PRIMARY_APIKEY=sk-load
export RAG_GENERATION_MODELS_PRIMARY_MODEL=stub-model
# Every simulated customer comes from this one machine: the per-address and per-key limits would refuse them.
export RAG_GATEWAY_RATE_LIMITS_CLIENT_IP=${RAG_GATEWAY_RATE_LIMITS_CLIENT_IP:-1000000}
export RAG_GATEWAY_RATE_LIMITS_ANONYMOUS=${RAG_GATEWAY_RATE_LIMITS_ANONYMOUS:-1000000}
export RAG_GATEWAY_RATE_LIMITS_WIDGET_KEY=${RAG_GATEWAY_RATE_LIMITS_WIDGET_KEY:-1000000}
export RAG_GATEWAY_RATE_LIMITS_TENANT=${RAG_GATEWAY_RATE_LIMITS_TENANT:-1000000}
export RAG_GATEWAY_RATE_LIMITS_API_KEY=${RAG_GATEWAY_RATE_LIMITS_API_KEY:-1000000}
export RAG_PROMETHEUS=0
# Both gateway replicas name the same public origin: the demo widget key allows it (a replica with another one
# would rewrite the key's origins on start, R__demo_tenant.sql), and the simulated widget page sends it.
export RAG_GATEWAY_PUBLIC_URL=${RAG_GATEWAY_PUBLIC_URL:-http://localhost:$RAG_GATEWAY_PORT}
export LOAD_ORIGIN=${LOAD_ORIGIN:-$RAG_GATEWAY_PUBLIC_URL}

declare -A LP_PIDS=()

lp_say() { printf '[load] %s\n' "$*" >&2; }

lp_port() {
  case $1 in
    ingestion-service) echo "$RAG_INGESTION_PORT" ;;
    retrieval-service) echo "$RAG_RETRIEVAL_PORT" ;;
    generation-service) echo "$RAG_GENERATION_PORT" ;;
    eval-service) echo "$RAG_EVAL_PORT" ;;
    gateway-service) echo "$RAG_GATEWAY_PORT" ;;
    gateway-service-2) echo "${LOAD_GATEWAY2_PORT:-8085}" ;;
    openai-stub) echo "$LOAD_STUB_PORT" ;;
  esac
}

lp_build() {
  [ "${LOAD_BUILD:-1}" = 0 ] && return 0
  local offline=()
  [ -d "$HOME/.m2/repository/org/springframework/boot" ] && offline=(-o)
  lp_say "building the services, the stub and the load generator (package, no tests)"
  (cd "$LP_ROOT" && ./mvnw -B -q "${offline[@]}" package -DskipTests \
    -pl ingestion-service,retrieval-service,generation-service,eval-service,gateway-service,tools/openai-stub,tools/load -am)
}

# lp_start <service> [extra java args...]; gateway-service-2 is a second gateway replica on its own port.
lp_start() {
  local name=$1 svc=$1 log
  shift
  [ "$name" = gateway-service-2 ] && svc=gateway-service
  log=$LP_LOGS/$name.log
  [ -f "$log" ] && mv -f "$log" "$log.1"
  if [ "$name" = openai-stub ]; then
    "$JAVA_HOME/bin/java" -Xmx64m -XX:+UseSerialGC -jar "$LP_ROOT/tools/openai-stub/target/openai-stub-$LP_VERSION.jar" \
      --port "$LOAD_STUB_PORT" --token-delay-ms "${LOAD_STUB_TOKEN_DELAY_MS:-5}" \
      --answer "${LOAD_STUB_ANSWER:-You can do that from the settings page; it takes effect right away [1].}" \
      </dev/null >"$log" 2>&1 &
  else
    local memory="-Xms64m -Xmx768m"
    [ "${LOAD_JVM_DEFAULTS:-1}" = 0 ] || memory=$(jvm_memory_flags "$svc")
    # shellcheck disable=SC2086 # lists of JVM options
    (cd "$LP_ROOT" && exec $(jvm_nice "$svc") env RAG_GATEWAY_PORT="$(lp_port "$name")" "$JAVA_HOME/bin/java" $memory ${RAG_JAVA_OPTS:-} "$@" \
      -jar "$svc/target/$svc-$LP_VERSION-exec.jar" --spring.profiles.active=local </dev/null >"$log" 2>&1) &
  fi
  LP_PIDS[$name]=$!
}

lp_ready() {
  local port=$1 code
  [ "$1" = "$LOAD_STUB_PORT" ] && { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/v1/models"; return; }
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" || true)
  [ "$code" = 200 ]
}

# lp_await <name> [timeout s]
lp_await() {
  local name=$1 timeout=${2:-300} started=$SECONDS
  until lp_ready "$(lp_port "$name")"; do
    if ! kill -0 "${LP_PIDS[$name]}" 2>/dev/null; then
      tail -n 40 "$LP_LOGS/$name.log" >&2
      lp_say "$name exited during startup (log: $LP_LOGS/$name.log)"
      return 1
    fi
    [ $((SECONDS - started)) -ge "$timeout" ] && { lp_say "$name not ready after $timeout s"; return 1; }
    sleep 1
  done
  lp_say "ready: $name on :$(lp_port "$name") ($((SECONDS - started)) s)"
}

# lp_stop <name> [signal]: TERM (graceful) or KILL; waits until the process is gone.
lp_stop() {
  local name=$1 signal=${2:-TERM} pid=${LP_PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  # The subshell exec'd into java, so the pid is the JVM's.
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "LP_PIDS[$name]"
}

lp_stop_all() {
  local name
  for name in "${!LP_PIDS[@]}"; do kill -TERM "${LP_PIDS[$name]}" 2>/dev/null || true; done
  for name in "${!LP_PIDS[@]}"; do lp_stop "$name"; done
}

# Starts the stub and the five services (two at a time on a small machine) and seeds demo-kb/.
lp_start_all() {
  lp_start openai-stub
  lp_await openai-stub 30
  local svc
  for svc in ingestion-service retrieval-service; do lp_start "$svc"; done
  for svc in ingestion-service retrieval-service; do lp_await "$svc"; done
  for svc in generation-service eval-service; do lp_start "$svc"; done
  for svc in generation-service eval-service; do lp_await "$svc"; done
  lp_start gateway-service
  lp_await gateway-service
  "$LP_ROOT/bin/lib/seed.sh" "http://127.0.0.1:$RAG_GATEWAY_PORT" "$LP_ROOT/demo-kb" >&2
}

# lp_log_mark: remembers where each service's log ends now (size and file), for lp_logs_since.
declare -A LP_LOG_SIZE=() LP_LOG_INODE=()
lp_log_mark() {
  local log
  LP_LOG_SIZE=()
  LP_LOG_INODE=()
  for log in "$LP_LOGS"/*.log; do
    [ -f "$log" ] || continue
    LP_LOG_SIZE[$log]=$(stat -c %s "$log")
    LP_LOG_INODE[$log]=$(stat -c %i "$log")
  done
}

# lp_logs_since <dir>: copies what each service logged since lp_log_mark into <dir>/<service>.log. A service
# restarted meanwhile (lp_start moved its log to .1) gets the rest of the old log, then the new one.
lp_logs_since() {
  local dir=$1 log name size
  mkdir -p "$dir"
  for log in "$LP_LOGS"/*.log; do
    [ -f "$log" ] || continue
    name=$(basename "$log")
    size=${LP_LOG_SIZE[$log]:-0}
    if [ -n "${LP_LOG_INODE[$log]:-}" ] && [ "$(stat -c %i "$log")" != "${LP_LOG_INODE[$log]}" ]; then
      { [ -f "$log.1" ] && tail -c +$((size + 1)) "$log.1"; echo "----- $name: restarted -----"; cat "$log"; } \
        >"$dir/$name"
    else
      tail -c +$((size + 1)) "$log" >"$dir/$name"
    fi
  done
}

# Resident memory (VmRSS, MB) of each running process: "name=MB ...".
lp_rss() {
  local name out=""
  for name in "${!LP_PIDS[@]}"; do
    [ "$name" = openai-stub ] && continue
    local kb
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/${LP_PIDS[$name]}/status" 2>/dev/null || true)
    [ -n "$kb" ] && out="$out $name=$((kb / 1024))"
  done
  echo "${out# }"
}

# Samples lp_rss every LP_RSS_EVERY_S (5) s into $1 (one line per sample, with a timestamp) until killed.
lp_rss_sampler() {
  while true; do
    echo "$(date -u +%H:%M:%S) $(lp_rss)" >>"$1"
    sleep "${LP_RSS_EVERY_S:-5}"
  done
}

# Milliseconds the running services' JIT compilers have spent so far (jvm_compilation_time_ms_total, summed over
# the services); empty when a service does not report it.
lp_compile_ms() {
  local name total=0 ms auth=()
  for name in "${!LP_PIDS[@]}"; do
    [ "$name" = openai-stub ] && continue
    auth=()
    case $name in gateway-service*) auth=(-H "Authorization: Bearer ${LOAD_ADMIN_KEY:-demo-admin-key}") ;; esac
    ms=$(curl -fsS --max-time 5 "${auth[@]}" "http://127.0.0.1:$(lp_port "$name")/actuator/prometheus" 2>/dev/null |
      sed -n 's/^jvm_compilation_time_ms_total{[^}]*} \([0-9.Ee+-]*\)$/\1/p' | head -n 1 || true)
    [ -n "$ms" ] || return 0
    total=$(awk -v a="$total" -v b="$ms" 'BEGIN {printf "%.0f", a + b}')
  done
  echo "$total"
}

# lp_warm_up <output dir> <max s>: load (the generator, LOAD_CONVERSATIONS) until the services' JIT compilers have
# settled, as bin/bench.d/40-ttft does: over a round of LP_WARMUP_ROUND_S (20) s the services together reported
# less than LP_WARMUP_SETTLED_SHARE (0.10) s of compile time per second, after at least LP_WARMUP_MIN_S (60) s; at
# most <max s>. Five fresh JVMs on 2 CPUs otherwise spend about a third of their CPU compiling for minutes, and a
# TTFT taken then measures the compilers. LP_WARMUP_URLS (comma-separated gateways, default the first) spreads the
# conversations over every replica that later carries load. Prints "warm-up: <s> s, compile <share> s/s, settled <yes|no>".
lp_warm_up() {
  local dir=$1 max=$2 round=${LP_WARMUP_ROUND_S:-20} min=${LP_WARMUP_MIN_S:-60} started=$SECONDS
  local generator before after share="n/a" settled=no
  rm -rf "$dir"
  mkdir -p "$dir"
  # shellcheck disable=SC2086 # a list of JVM options
  LOAD_BASE_URL=${LP_WARMUP_URLS:-http://127.0.0.1:$RAG_GATEWAY_PORT} LOAD_OUTPUT=$dir LOAD_DURATION_S=$((max + round)) LOAD_REPORTS=false \
    "$JAVA_HOME/bin/java" -Xmx384m $LOAD_GENERATOR_JAVA_OPTS \
    -jar "$LP_ROOT/tools/load/target/load-generator-$LP_VERSION.jar" >"$dir/load.log" 2>&1 &
  generator=$!
  while [ $((SECONDS - started)) -lt "$max" ]; do
    before=$(lp_compile_ms)
    sleep "$round"
    after=$(lp_compile_ms)
    if [ -z "$before" ] || [ -z "$after" ]; then
      share="n/a"
    else
      share=$(awk -v a="$before" -v b="$after" -v s="$round" 'BEGIN {printf "%.3f", (b - a) / 1000 / s}')
    fi
    lp_say "warm-up: $((SECONDS - started)) s, compile $share s/s"
    if [ "$share" != n/a ] && [ $((SECONDS - started)) -ge "$min" ] &&
      awk -v x="$share" -v t="${LP_WARMUP_SETTLED_SHARE:-0.10}" 'BEGIN {exit !(x < t)}'; then
      settled=yes
      break
    fi
  done
  kill "$generator" 2>/dev/null || true
  wait "$generator" 2>/dev/null || true
  echo "warm-up: $((SECONDS - started)) s, compile $share s/s, settled $settled"
}
