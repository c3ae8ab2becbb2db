#!/usr/bin/env bash
# Makes a PostgreSQL with pgvector >= 0.8 available for `make run` / `make test` and ensures
# role supportrag (password supportrag) owns databases supportrag and supportrag_test, each
# with the vector extension. Idempotent; safe to run on every start.
#
#   deploy/local/postgres.sh                          ensure everything, print the JDBC URLs
#   deploy/local/postgres.sh build-pgvector [DESTDIR] only build + install pgvector from
#                                                     Debian's source package (DESTDIR: scratch dir)
#
# Order: RAG_DB_URL pointing at another server (only checked) -> a server on
# 127.0.0.1:${PGPORT:-5432} -> Docker container -> apt-installed PostgreSQL -> advice.
# Env: PGPORT, RAG_DB_URL/RAG_DB_USER/RAG_DB_PASSWORD, RAG_PG_SUPERUSER_PASSWORD (if the
# local superuser needs one), RAG_PG_IMAGE, RAG_PGVECTOR_SUITE (Debian suite to build from).
set -euo pipefail

PORT=${PGPORT:-5432}
APP_ROLE=supportrag
APP_PASSWORD=supportrag
DATABASES="supportrag supportrag_test"
PGVECTOR_MIN=0.8.0
PG_IMAGE=${RAG_PG_IMAGE:-pgvector/pgvector:pg17}
CONTAINER=supportrag-postgres
PGVECTOR_SUITE=${RAG_PGVECTOR_SUITE:-trixie}
export DEBIAN_FRONTEND=noninteractive

log() { printf '[postgres] %s\n' "$*"; }
die() {
  printf '[postgres] ERROR: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" = 0 ]; }
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$2" ]; }

os_id() {
  # Prints e.g. "debian" or "ubuntu debian" (ID then ID_LIKE).
  [ -r /etc/os-release ] || return 0
  (
    # shellcheck disable=SC1091
    . /etc/os-release
    echo "${ID:-} ${ID_LIKE:-}"
  )
}
is_debian_like() { case " $(os_id) " in *" debian "* | *" ubuntu "*) return 0 ;; esac; return 1; }

pkg_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

# Installs missing packages; refreshes the package lists once if the first attempt fails.
apt_install() {
  local missing="" p
  for p in "$@"; do pkg_installed "$p" || missing="$missing $p"; done
  [ -n "$missing" ] || return 0
  log "apt-get install$missing"
  # shellcheck disable=SC2086
  if ! apt-get install -y -q --no-install-recommends $missing >/dev/null; then
    log "apt-get update (package lists look stale)"
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >/dev/null
  fi
}

tcp_answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ensure_client() {
  have psql && return 0
  if is_root && have apt-get; then
    apt_install postgresql-client
  fi
  have psql || die "psql not found; install the PostgreSQL client (apt-get install postgresql-client)."
}

# Waits until something accepts connections on 127.0.0.1:$PORT.
wait_for_server() {
  local _
  for _ in $(seq 1 60); do
    if have pg_isready; then
      pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2 && return 0
    elif tcp_answers 127.0.0.1 "$PORT"; then
      return 0
    fi
    sleep 1
  done
  die "PostgreSQL on 127.0.0.1:$PORT did not accept connections within 60 s."
}

# ---------------------------------------------------------------- superuser access
SU_CMD=()

container_running() {
  have docker && [ "$(docker container inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null || true)" = true ]
}

try_superuser() {
  local out
  out=$(cd / && "$@" -d postgres -X -Atq -c 'select rolsuper from pg_roles where rolname = current_user' 2>/dev/null) || return 1
  [ "$out" = t ] || return 1
  SU_CMD=("$@")
}

# Finds a way to run psql as a superuser: TCP as postgres, the postgres OS user over the
# socket, or the container. Leaves SU_CMD empty when none works.
find_superuser() {
  SU_CMD=()
  if container_running; then
    try_superuser docker exec -i "$CONTAINER" psql -U postgres && return 0
  fi
  if [ -n "${RAG_PG_SUPERUSER_PASSWORD:-}" ]; then
    try_superuser env PGPASSWORD="$RAG_PG_SUPERUSER_PASSWORD" psql -w -h 127.0.0.1 -p "$PORT" -U postgres && return 0
  fi
  try_superuser psql -w -h 127.0.0.1 -p "$PORT" -U postgres && return 0
  if is_root && have runuser && id postgres >/dev/null 2>&1; then
    try_superuser runuser -u postgres -- psql -w -p "$PORT" && return 0
  fi
  if ! is_root && have sudo; then
    try_superuser sudo -n -u postgres psql -w -p "$PORT" && return 0
  fi
  # Homebrew-style installs: the OS user is the superuser.
  try_superuser psql -w -h 127.0.0.1 -p "$PORT" && return 0
  return 1
}

# su_sql <database> <sql>: runs SQL as superuser, prints unaligned tuples.
su_sql() { (cd / && "${SU_CMD[@]}" -d "$1" -X -v ON_ERROR_STOP=1 -Atq -c "$2"); }

app_sql() {
  PGPASSWORD=$APP_PASSWORD psql -w -X -Atq -v ON_ERROR_STOP=1 \
    "host=127.0.0.1 port=$PORT dbname=$1 user=$APP_ROLE connect_timeout=5" -c "$2"
}

# ---------------------------------------------------------------- pgvector from Debian source
# Prints the first "URI<TAB>Signed-By" of the machine's main Debian archive (not security,
# not a third-party repository), from deb822 .sources files or one-line sources.list entries.
debian_archive_uri() {
  local codename=""
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] || continue
      awk -v codename="$codename" '
        function flush() {
          if (uri != "" && types ~ /deb/ && enabled !~ /^(no|false)$/ && uri !~ /security/) {
            n = split(suites, s, /[ \t]+/)
            for (i = 1; i <= n; i++) {
              if (s[i] == codename || (codename == "" && s[i] !~ /-/)) { print uri "\t" signed; break }
            }
          }
          uri = ""; types = ""; suites = ""; signed = ""; enabled = ""
        }
        /^[ \t]*$/ { flush(); next }
        /^#/ { next }
        tolower($1) == "types:"     { $1 = ""; types = $0 }
        tolower($1) == "uris:"      { uri = $2 }
        tolower($1) == "suites:"    { $1 = ""; suites = $0 }
        tolower($1) == "signed-by:" { signed = $2 }
        tolower($1) == "enabled:"   { enabled = tolower($2) }
        END { flush() }
      ' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -r "$f" ] || continue
      awk -v codename="$codename" '
        $1 == "deb" || $1 == "deb-src" {
          i = 2; signed = ""
          if ($i ~ /^\[/) {
            while (i <= NF) {
              if ($i ~ /signed-by=/) { signed = $i; sub(/.*signed-by=/, "", signed); sub(/\].*/, "", signed) }
              if ($i ~ /\]$/) { i++; break }
              i++
            }
          }
          uri = $i; suite = $(i + 1)
          if (uri !~ /security/ && (suite == codename || (codename == "" && suite !~ /-/))) print uri "\t" signed
        }
      ' "$f"
    done
  } | head -n 1
}

# build_pgvector <pg major> [destdir]: builds pgvector from Debian's source package for
# $PGVECTOR_SUITE and installs it into that PostgreSQL's directories (or under destdir).
build_pgvector() {
  local major=$1 destdir=${2:-} pg_config line uri signed tmp apt_opts src
  pg_config=/usr/lib/postgresql/$major/bin/pg_config
  is_root || die "building pgvector needs root (apt-get, make install); run as root or install pgvector >= $PGVECTOR_MIN for PostgreSQL $major yourself."
  have apt-get || die "building pgvector needs apt-get; install pgvector >= $PGVECTOR_MIN for PostgreSQL $major yourself."
  case " $(os_id) " in
    *" ubuntu "*) die "no Debian archive on Ubuntu to build pgvector from; install postgresql-$major-pgvector (>= $PGVECTOR_MIN) from apt.postgresql.org." ;;
  esac
  apt_install dpkg-dev make gcc "postgresql-server-dev-$major"
  [ -x "$pg_config" ] || die "$pg_config missing after installing postgresql-server-dev-$major."

  line=$(debian_archive_uri)
  [ -n "$line" ] || die "no main Debian archive found in /etc/apt/sources.list{,.d/} to fetch the pgvector source from."
  uri=${line%%	*}
  signed=${line#*	}
  if [ -z "$signed" ] && [ -r /usr/share/keyrings/debian-archive-keyring.gpg ]; then
    signed=/usr/share/keyrings/debian-archive-keyring.gpg
  fi

  tmp=$(mktemp -d /tmp/supportrag-pgvector.XXXXXX)
  # shellcheck disable=SC2064 # expand now: tmp is local
  trap "rm -rf '$tmp'" EXIT
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/src"
  if [ -n "$signed" ]; then
    echo "deb-src [signed-by=$signed] $uri $PGVECTOR_SUITE main" >"$tmp/sources.list"
  else
    echo "deb-src $uri $PGVECTOR_SUITE main" >"$tmp/sources.list"
  fi
  # A private source list, list and cache directory: the machine's apt state stays untouched.
  apt_opts=(-q -o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o APT::Sandbox::User=root)
  log "fetching pgvector source from $uri ($PGVECTOR_SUITE)"
  apt-get "${apt_opts[@]}" update >/dev/null || die "apt-get update for $PGVECTOR_SUITE sources from $uri failed."
  (cd "$tmp/src" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null) ||
    die "apt-get source pgvector ($PGVECTOR_SUITE) failed."
  (cd "$tmp/src" && tar xzf pgvector_*.orig.tar.gz) || die "pgvector source archive not found or unreadable."
  src=$(find "$tmp/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector*' | head -n 1)
  [ -n "$src" ] || die "unpacked pgvector source directory not found."
  log "building $(basename "$src") for PostgreSQL $major"
  # OPTFLAGS="": no -march=native, so the library also works on other CPUs.
  make -s -C "$src" OPTFLAGS="" PG_CONFIG="$pg_config" >"$tmp/build.log" 2>&1 ||
    { tail -n 30 "$tmp/build.log" >&2; die "pgvector build failed."; }
  make -s -C "$src" OPTFLAGS="" PG_CONFIG="$pg_config" ${destdir:+DESTDIR="$destdir"} install >>"$tmp/build.log" 2>&1 ||
    { tail -n 30 "$tmp/build.log" >&2; die "pgvector install failed."; }
  log "installed pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$src/vector.control")${destdir:+ into $destdir}"
  rm -rf "$tmp"
  trap - EXIT
}

# Installs pgvector >= PGVECTOR_MIN for a local server: a packaged one if apt has it, else a build.
install_pgvector() {
  local major=$1 candidate
  if is_root && have apt-cache; then
    candidate=$(apt-cache policy "postgresql-$major-pgvector" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
    candidate=${candidate#*:}
    if [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && version_ge "${candidate%%-*}" "$PGVECTOR_MIN"; then
      apt_install "postgresql-$major-pgvector"
      return 0
    fi
  fi
  build_pgvector "$major"
}

# ---------------------------------------------------------------- starting a server
start_container() {
  if docker container inspect "$CONTAINER" >/dev/null 2>&1; then
    log "starting existing container $CONTAINER"
    docker start "$CONTAINER" >/dev/null
  else
    log "starting $PG_IMAGE as container $CONTAINER on 127.0.0.1:$PORT"
    docker run -d --name "$CONTAINER" -e POSTGRES_PASSWORD=postgres \
      -p "127.0.0.1:$PORT:5432" -v supportrag-pgdata:/var/lib/postgresql/data "$PG_IMAGE" >/dev/null
  fi
  local _
  for _ in $(seq 1 60); do
    docker exec "$CONTAINER" pg_isready -q -U postgres 2>/dev/null && tcp_answers 127.0.0.1 "$PORT" && return 0
    sleep 1
  done
  die "container $CONTAINER did not become ready; see: docker logs $CONTAINER"
}

# Installs PostgreSQL from apt if needed and starts the cluster that listens on $PORT.
start_local_cluster() {
  local clusters version line
  if ! have pg_lsclusters || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    log "installing PostgreSQL from apt"
    apt_install postgresql
  fi
  clusters=$(pg_lsclusters -h 2>/dev/null || true)
  if [ -z "$clusters" ]; then
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n 1)
    log "creating cluster $version/main on port $PORT"
    pg_createcluster "$version" main --port "$PORT" >/dev/null
    clusters=$(pg_lsclusters -h)
  fi
  # Columns: version cluster port status owner datadir logfile
  line=$(printf '%s\n' "$clusters" | awk -v port="$PORT" '$3 == port { print; exit }')
  [ -n "$line" ] || die "no PostgreSQL cluster uses port $PORT (clusters: $(printf '%s' "$clusters" | awk '{printf "%s/%s:%s ", $1, $2, $3}')); set PGPORT accordingly."
  # shellcheck disable=SC2086 # split the pg_lsclusters row into fields
  set -- $line
  if [ "$4" != online ]; then
    log "pg_ctlcluster $1 $2 start"
    pg_ctlcluster "$1" "$2" start || die "could not start cluster $1/$2; see $7"
  fi
}

# ---------------------------------------------------------------- checks and setup
# check_remote <host> <port> <db> <user> <password>: for a server we do not manage, only verify reachability and pgvector.
check_remote() {
  local host=$1 port=$2 db=$3 user=$4 password=$5 version
  log "RAG_DB_URL points at $host:$port/$db; only checking it"
  if ! have psql; then
    tcp_answers "$host" "$port" || die "nothing answers on $host:$port (RAG_DB_URL)."
    log "psql not installed; $host:$port answers, pgvector not checked."
    return 0
  fi
  version=$(PGPASSWORD=$password psql -w -X -Atq "host=$host port=$port dbname=$db user=$user connect_timeout=5" \
    -c "select extversion from pg_extension where extname = 'vector'") ||
    die "cannot connect to $host:$port/$db as $user (RAG_DB_URL, RAG_DB_USER, RAG_DB_PASSWORD)."
  [ -n "$version" ] || die "extension vector is not created in $db on $host:$port; as superuser run: CREATE EXTENSION vector;"
  version_ge "$version" "$PGVECTOR_MIN" || die "pgvector $version in $db on $host:$port is older than $PGVECTOR_MIN."
  log "ok: $host:$port/$db reachable as $user, pgvector $version"
  echo "JDBC URL: jdbc:postgresql://$host:$port/$db (user $user)"
}

# Adds password logins for the app role on 127.0.0.1 when pg_hba.conf does not allow them.
ensure_password_auth() {
  local db=${DATABASES%% *} hba err
  err=$(app_sql "$db" 'select 1' 2>&1 >/dev/null) && return 0
  [ ${#SU_CMD[@]} -gt 0 ] || die "cannot log in as $APP_ROLE: $err"
  hba=$(su_sql postgres 'show hba_file')
  [ -w "$hba" ] || die "cannot log in as $APP_ROLE ($err) and $hba is not writable here; allow: host all $APP_ROLE 127.0.0.1/32 scram-sha-256"
  log "allowing password logins for $APP_ROLE on 127.0.0.1 in $hba"
  local tmp
  tmp=$(mktemp)
  {
    echo "# supportrag: password logins for local runs (deploy/local/postgres.sh)"
    echo "host    all    $APP_ROLE    127.0.0.1/32    scram-sha-256"
    echo "host    all    $APP_ROLE    ::1/128         scram-sha-256"
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba" # keeps owner and mode of the original file
  rm -f "$tmp"
  su_sql postgres 'select pg_reload_conf()' >/dev/null
  sleep 1
  err=$(app_sql "$db" 'select 1' 2>&1 >/dev/null) || die "still cannot log in as $APP_ROLE: $err"
}

# Objects that someone created in our databases as another role (e.g. tests run with
# ?user=postgres) would make Flyway fail with "permission denied for schema"; give them to
# the app role. Extension members and column-owned sequences follow their owners.
reclaim_objects() {
  local db=$1 statements
  statements=$(su_sql "$db" "
    with user_ns as (
      select oid, nspname, nspowner from pg_namespace
      where nspname !~ '^pg_' and nspname <> 'information_schema'
    ), member as (
      select classid, objid from pg_depend where deptype in ('a', 'i', 'e')
    )
    select stmt from (
      select 1 as step, format('alter schema %I owner to $APP_ROLE;', nspname) as stmt
      from user_ns where nspname <> 'public' and nspowner <> '$APP_ROLE'::regrole
      union all
      select 2, format('alter %s %s owner to $APP_ROLE;',
               case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                 when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end,
               c.oid::regclass)
      from pg_class c join user_ns n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and c.relowner <> '$APP_ROLE'::regrole
        and not exists (select from member m where m.classid = 'pg_class'::regclass and m.objid = c.oid)
      union all
      select 3, format('alter routine %s owner to $APP_ROLE;', p.oid::regprocedure)
      from pg_proc p join user_ns n on n.oid = p.pronamespace
      where p.proowner <> '$APP_ROLE'::regrole
        and not exists (select from member m where m.classid = 'pg_proc'::regclass and m.objid = p.oid)
      union all
      select 4, format('alter type %s owner to $APP_ROLE;', t.oid::regtype)
      from pg_type t join user_ns n on n.oid = t.typnamespace
      where t.typtype in ('e', 'd', 'r') and t.typowner <> '$APP_ROLE'::regrole
        and not exists (select from member m where m.classid = 'pg_type'::regclass and m.objid = t.oid)
    ) s order by step")
  [ -n "$statements" ] || return 0
  log "giving $(printf '%s\n' "$statements" | wc -l | tr -d ' ') objects in $db owned by other roles to $APP_ROLE"
  su_sql "$db" "$statements" >/dev/null
}

# Without superuser access we can only confirm that an earlier run left everything in place.
check_without_superuser() {
  local db version
  for db in $DATABASES; do
    version=$(app_sql "$db" "select extversion from pg_extension where extname = 'vector'" 2>/dev/null) || version=""
    if [ -z "$version" ] || ! version_ge "$version" "$PGVECTOR_MIN"; then
      die "no superuser access to the PostgreSQL on 127.0.0.1:$PORT and $db is not ready.
  Set RAG_PG_SUPERUSER_PASSWORD, or run this as root, or as a superuser run:
    CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PASSWORD';
    CREATE DATABASE $db OWNER $APP_ROLE;  -- then in $db: CREATE EXTENSION vector; (pgvector >= $PGVECTOR_MIN)"
    fi
  done
  log "no superuser access, but role, databases and pgvector are already in place"
}

setup_local() {
  local version_num major available data_dir db ext owner
  ensure_client
  if ! find_superuser; then
    check_without_superuser
    return 0
  fi
  version_num=$(su_sql postgres 'show server_version_num')
  major=$((version_num / 10000))
  log "PostgreSQL $major on 127.0.0.1:$PORT (superuser via: ${SU_CMD[*]:0:3} ...)"

  available=$(su_sql postgres "select coalesce((select default_version from pg_available_extensions where name = 'vector'), '')")
  if [ -z "$available" ] || ! version_ge "$available" "$PGVECTOR_MIN"; then
    log "pgvector ${available:-missing} on this server; need >= $PGVECTOR_MIN"
    data_dir=$(su_sql postgres 'show data_directory')
    [ -d "$data_dir" ] || die "the server on 127.0.0.1:$PORT is not on this machine (or in a container) and lacks pgvector >= $PGVECTOR_MIN; install it there."
    install_pgvector "$major"
    available=$(su_sql postgres "select coalesce((select default_version from pg_available_extensions where name = 'vector'), '')")
    if [ -z "$available" ] || ! version_ge "$available" "$PGVECTOR_MIN"; then
      die "pgvector still not available to the server after installing it."
    fi
  fi
  log "pgvector $available available"

  if [ -z "$(su_sql postgres "select 1 from pg_roles where rolname = '$APP_ROLE'")" ]; then
    log "creating role $APP_ROLE"
    su_sql postgres "create role $APP_ROLE" >/dev/null
  fi
  # Password is (re)set every run so the documented credentials always work.
  su_sql postgres "set password_encryption = 'scram-sha-256'; alter role $APP_ROLE login password '$APP_PASSWORD'" >/dev/null
  for db in $DATABASES; do
    owner=$(su_sql postgres "select pg_get_userbyid(datdba) from pg_database where datname = '$db'")
    if [ -z "$owner" ]; then
      log "creating database $db"
      su_sql postgres "create database $db owner $APP_ROLE" >/dev/null
    elif [ "$owner" != "$APP_ROLE" ]; then
      log "changing owner of database $db from $owner to $APP_ROLE"
      su_sql postgres "alter database $db owner to $APP_ROLE" >/dev/null
    fi
    ext=$(su_sql "$db" "select extversion from pg_extension where extname = 'vector'")
    if [ -z "$ext" ]; then
      log "creating extension vector in $db"
      su_sql "$db" 'create extension vector' >/dev/null
    elif [ "$ext" != "$available" ] && ! version_ge "$ext" "$available"; then
      log "updating extension vector in $db from $ext to $available"
      su_sql "$db" 'alter extension vector update' >/dev/null
    fi
    reclaim_objects "$db"
  done
  ensure_password_auth
  log "ok: role $APP_ROLE, databases ${DATABASES// /, }, pgvector $available"
}

print_urls() {
  echo "JDBC URL:      jdbc:postgresql://127.0.0.1:$PORT/supportrag       (user $APP_ROLE, password $APP_PASSWORD)"
  echo "Test JDBC URL: jdbc:postgresql://127.0.0.1:$PORT/supportrag_test  (same credentials)"
}

# ---------------------------------------------------------------- main
main() {
  if [ -n "${RAG_DB_URL:-}" ]; then
    local rest hostport host port db params user password
    case $RAG_DB_URL in
      jdbc:postgresql://*) ;;
      *) die "RAG_DB_URL must look like jdbc:postgresql://host:port/database, got: $RAG_DB_URL" ;;
    esac
    rest=${RAG_DB_URL#jdbc:postgresql://}
    hostport=${rest%%/*}
    db=${rest#*/}
    db=${db%%\?*}
    params=""
    case $rest in *\?*) params=${rest#*\?} ;; esac
    case $hostport in
      \[*\]:*) host=${hostport%]:*}] port=${hostport##*]:} ;;
      \[*\]) host=$hostport port=5432 ;;
      *:*) host=${hostport%:*} port=${hostport##*:} ;;
      *) host=$hostport port=5432 ;;
    esac
    user=$(printf '%s' "$params" | tr '&' '\n' | sed -n 's/^user=//p' | head -n 1)
    password=$(printf '%s' "$params" | tr '&' '\n' | sed -n 's/^password=//p' | head -n 1)
    user=${user:-${RAG_DB_USER:-$APP_ROLE}}
    password=${password:-${RAG_DB_PASSWORD:-$APP_PASSWORD}}
    case $host in
      127.0.0.1 | localhost | ::1 | \[::1\]) ;;
      *)
        check_remote "$host" "$port" "$db" "$user" "$password"
        return 0
        ;;
    esac
    if [ "$port" != "$PORT" ]; then
      check_remote "$host" "$port" "$db" "$user" "$password"
      return 0
    fi
    case " $DATABASES " in *" $db "*) ;; *) DATABASES="$DATABASES $db" ;; esac
  fi

  if tcp_answers 127.0.0.1 "$PORT"; then
    log "a server answers on 127.0.0.1:$PORT; using it"
  elif have docker && docker info >/dev/null 2>&1; then
    start_container
  elif is_root && have apt-get && is_debian_like; then
    log "no PostgreSQL on 127.0.0.1:$PORT and no Docker; using the distribution's PostgreSQL"
    start_local_cluster
  else
    die "no PostgreSQL on 127.0.0.1:$PORT, no working Docker, and not root on Debian/Ubuntu.
  Either start PostgreSQL (13+) with pgvector >= $PGVECTOR_MIN on 127.0.0.1:$PORT
  (Debian/Ubuntu as root: apt-get install postgresql, then rerun this script),
  or start Docker, or set RAG_DB_URL to an existing database."
  fi
  wait_for_server
  setup_local
  print_urls
}

case ${1:-} in
  build-pgvector)
    ensure_client
    if [ -n "${RAG_PG_MAJOR:-}" ]; then
      major=$RAG_PG_MAJOR
    else
      find_superuser || die "cannot detect the server version; set RAG_PG_MAJOR."
      major=$(($(su_sql postgres 'show server_version_num') / 10000))
    fi
    build_pgvector "$major" "${2:-}"
    ;;
  "") main ;;
  *) die "usage: $0 [build-pgvector [DESTDIR]]" ;;
esac
