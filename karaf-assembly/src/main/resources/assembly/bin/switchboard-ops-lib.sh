# shellcheck shell=bash
# Switchboard ops scripts: what switchboard-backup, -restore, -upgrade, -health and
# -support-bundle share. Sourced, never run. Bash.
#
# Where things are (first found wins: command-line option, environment, defaults file):
#   --home DIR      KARAF_HOME   the program (an unpacked distribution; on the appliance
#                                /opt/switchboard/current, a symlink to /opt/switchboard/<version>)
#   --base DIR      KARAF_BASE   Karaf's base (default: the home)
#   --etc DIR       KARAF_ETC    configuration (default: <base>/etc)
#   --data DIR      KARAF_DATA   data (default: <base>/data)
#   --log DIR       KARAF_LOG    logs (default: <data>/log)
# The defaults file is /etc/default/switchboard on the appliance (SWITCHBOARD_DEFAULTS names
# another one; /dev/null: none). Without any of these, a script run from a distribution's bin/
# directory works on that distribution.
#
# How the appliance is stopped and started:
#   SWITCHBOARD_SERVICE      a systemd unit (the appliance: switchboard.service), or
#   SWITCHBOARD_START_CMD / SWITCHBOARD_STOP_CMD   commands (run by sh -c), or else
#   <home>/bin/start and <home>/bin/stop with KARAF_* exported.
#   SWITCHBOARD_START_TIMEOUT  seconds to wait for /api/health 200 after a start (default 600)
# How the scripts reach the Karaf shell (online database backup):
#   --client-user / SWITCHBOARD_CLIENT_USER, --client-password / SWITCHBOARD_CLIENT_PASSWORD, or
#   --client-key / SWITCHBOARD_CLIENT_KEY (a private key whose public key is in etc/keys.properties)
# Where health is asked: SWITCHBOARD_HEALTH_URL (default: from etc/org.ops4j.pax.web.cfg).
# SWITCHBOARD_OPS_LOG: a file every script also logs to (the appliance: /var/log/switchboard/ops.log).

OPS_PROG=$(basename "$0")
OPS_ARGS=()

ops_log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $OPS_PROG: $*"
  echo "$OPS_PROG: $*" >&2
  if [ -n "${SWITCHBOARD_OPS_LOG:-}" ]; then
    { echo "$line" >>"$SWITCHBOARD_OPS_LOG"; } 2>/dev/null || true
  fi
}

ops_die() {
  ops_log "ERROR: $*"
  exit "${OPS_EXIT:-1}"
}

# ops_load_defaults FILE: sets the VAR=value lines of FILE for variables not set yet (never
# evaluates the file).
ops_load_defaults() {
  local file=$1 line key value
  [ -r "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    value=${value#\"}
    value=${value%\"}
    if [ -z "${!key+set}" ]; then
      printf -v "$key" '%s' "$value"
      export "${key?}"
    fi
  done <"$file"
}

# ops_init "$@": reads the common options (see above); the others are left in OPS_ARGS.
ops_init() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --home) KARAF_HOME=$2; shift 2 ;;
      --base) KARAF_BASE=$2; shift 2 ;;
      --etc) KARAF_ETC=$2; shift 2 ;;
      --data) KARAF_DATA=$2; shift 2 ;;
      --log) KARAF_LOG=$2; shift 2 ;;
      --client-user) SWITCHBOARD_CLIENT_USER=$2; shift 2 ;;
      --client-password) SWITCHBOARD_CLIENT_PASSWORD=$2; shift 2 ;;
      --client-key) SWITCHBOARD_CLIENT_KEY=$2; shift 2 ;;
      *) OPS_ARGS+=("$1"); shift ;;
    esac
  done
  ops_load_defaults "${SWITCHBOARD_DEFAULTS:-/etc/default/switchboard}"
  if [ -z "${KARAF_HOME:-}" ]; then
    local here
    here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
    if [ -x "$here/karaf" ]; then
      KARAF_HOME=$(dirname "$here")
    else
      OPS_EXIT=2 ops_die "where is Switchboard? give --home DIR (or KARAF_HOME)"
    fi
  fi
  KARAF_BASE=${KARAF_BASE:-$KARAF_HOME}
  KARAF_ETC=${KARAF_ETC:-$KARAF_BASE/etc}
  KARAF_DATA=${KARAF_DATA:-$KARAF_BASE/data}
  KARAF_LOG=${KARAF_LOG:-$KARAF_DATA/log}
  export KARAF_HOME KARAF_BASE KARAF_ETC KARAF_DATA KARAF_LOG
  [ -d "$KARAF_HOME" ] || OPS_EXIT=2 ops_die "KARAF_HOME $KARAF_HOME is not a directory"
  [ -d "$KARAF_ETC" ] || OPS_EXIT=2 ops_die "KARAF_ETC $KARAF_ETC is not a directory"
}

ops_usage_error() {
  echo "$OPS_PROG: $*" >&2
  echo "Try '$OPS_PROG --help'." >&2
  exit 2
}

# ops_version DIR: the Switchboard version of the distribution in DIR.
ops_version() {
  local dir=$1 v
  if [ -f "$dir/switchboard.version" ]; then
    head -n 1 "$dir/switchboard.version"
    return
  fi
  v=$(find "$dir/system/org/switchboard/org.switchboard.features" -mindepth 1 -maxdepth 1 -type d \
    -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
  echo "${v:-unknown}"
}

# ops_version_key VERSION: a form `sort -V` orders right (1.0-SNAPSHOT before 1.0).
ops_version_key() {
  echo "${1//-SNAPSHOT/~SNAPSHOT}"
}

# ops_version_newer A B: true when version A is newer than B.
ops_version_newer() {
  local a b
  a=$(ops_version_key "$1")
  b=$(ops_version_key "$2")
  [ "$a" != "$b" ] && [ "$(printf '%s\n%s\n' "$a" "$b" | sort -V | tail -n 1)" = "$a" ]
}

# ops_cfg FILE KEY: the value of KEY in a .cfg/.properties file (last one wins; empty if none).
ops_cfg() {
  [ -f "$1" ] || return 0
  sed -n "s/^[[:space:]]*$2[[:space:]]*[=:][[:space:]]*//p" "$1" | tail -n 1 | sed 's/[[:space:]]*$//'
}

# ops_resolve VALUE: ${karaf.*} placeholders of a configuration value resolved.
ops_resolve() {
  local v=$1
  v=${v//\$\{karaf.data\}/$KARAF_DATA}
  v=${v//\$\{karaf.etc\}/$KARAF_ETC}
  v=${v//\$\{karaf.base\}/$KARAF_BASE}
  v=${v//\$\{karaf.home\}/$KARAF_HOME}
  echo "$v"
}

ops_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || ops_die "no java: set JAVA_HOME"
  fi
}

# ops_h2_jar: the H2 jar of the distribution (used for offline backup and restore).
ops_h2_jar() {
  local jar
  jar=$(find "$KARAF_HOME/system/com/h2database/h2" -name 'h2-*.jar' 2>/dev/null | sort -V | tail -n 1)
  [ -n "$jar" ] || ops_die "no H2 jar under $KARAF_HOME/system/com/h2database/h2"
  echo "$jar"
}

# shellcheck disable=SC2034 # DB_* are read by the scripts that source this file.
# ops_db: sets DB_KIND (h2 or external), DB_DIR and DB_NAME (H2 file database) from
# etc/org.ops4j.datasource-switchboard.cfg.
ops_db() {
  local url path
  url=$(ops_cfg "$KARAF_ETC/org.ops4j.datasource-switchboard.cfg" url)
  url=$(ops_resolve "${url:-jdbc:h2:file:\${karaf.data\}/db/switchboard}")
  case "$url" in
    jdbc:h2:file:*)
      path=${url#jdbc:h2:file:}
      path=${path%%;*}
      DB_KIND=h2
      DB_DIR=$(dirname "$path")
      DB_NAME=$(basename "$path")
      ;;
    *)
      DB_KIND=external
      DB_DIR=""
      DB_NAME=""
      ;;
  esac
  DB_URL=$url
}

# ops_pid: the pid of the running Karaf of this base, or nothing.
ops_pid() {
  local pid
  [ -f "$KARAF_BASE/karaf.pid" ] || return 0
  pid=$(tr -dc '0-9' <"$KARAF_BASE/karaf.pid")
  [ -n "$pid" ] || return 0
  if ps -p "$pid" -o args= 2>/dev/null | grep -q "karaf.base=$KARAF_BASE"; then
    echo "$pid"
  fi
}

ops_running() {
  if [ -n "${SWITCHBOARD_SERVICE:-}" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl is-active --quiet "$SWITCHBOARD_SERVICE" && return 0
  fi
  [ -n "$(ops_pid)" ]
}

ops_stop() {
  local i pid
  ops_running || return 0
  ops_log "stopping Switchboard"
  if [ -n "${SWITCHBOARD_SERVICE:-}" ]; then
    systemctl stop "$SWITCHBOARD_SERVICE"
  elif [ -n "${SWITCHBOARD_STOP_CMD:-}" ]; then
    sh -c "$SWITCHBOARD_STOP_CMD"
  else
    "$KARAF_HOME/bin/stop" >/dev/null 2>&1 || true
  fi
  for ((i = 0; i < 180; i++)); do
    pid=$(ops_pid)
    [ -z "$pid" ] && return 0
    sleep 1
  done
  ops_log "Karaf (pid $pid) did not stop within 180 s; terminating it"
  kill "$pid" 2>/dev/null || true
  sleep 10
  [ -z "$(ops_pid)" ] || ops_die "Karaf (pid $pid) does not stop"
}

ops_start() {
  ops_log "starting Switchboard"
  if [ -n "${SWITCHBOARD_SERVICE:-}" ]; then
    systemctl start "$SWITCHBOARD_SERVICE"
  elif [ -n "${SWITCHBOARD_START_CMD:-}" ]; then
    sh -c "$SWITCHBOARD_START_CMD"
  else
    # Karaf refuses to start without its data and log directories (a restore may have made data/
    # anew).
    mkdir -p "$KARAF_DATA" "$KARAF_LOG"
    "$KARAF_HOME/bin/start"
  fi
}

# ops_health_url: where GET /api/health is asked.
ops_health_url() {
  if [ -n "${SWITCHBOARD_HEALTH_URL:-}" ]; then
    echo "$SWITCHBOARD_HEALTH_URL"
    return
  fi
  local cfg=$KARAF_ETC/org.ops4j.pax.web.cfg host port
  host=$(ops_cfg "$cfg" org.ops4j.pax.web.listening.addresses)
  host=${host%%,*}
  case "$host" in '' | 0.0.0.0 | '::' | '*') host=127.0.0.1 ;; esac
  if [ "$(ops_cfg "$cfg" org.osgi.service.http.secure.enabled)" = "true" ]; then
    port=$(ops_cfg "$cfg" org.osgi.service.http.port.secure)
    echo "https://$host:${port:-8443}/api/health"
  else
    port=$(ops_cfg "$cfg" org.osgi.service.http.port)
    echo "http://$host:${port:-8181}/api/health"
  fi
}

# ops_http_get URL BODYFILE: prints the HTTP status (000 when nothing answered). The appliance's
# certificate is self-signed and the URL is local, so TLS is not verified.
ops_http_get() {
  local url=$1 out=$2
  if command -v curl >/dev/null 2>&1; then
    curl -s -k --max-time 10 -o "$out" -w '%{http_code}' "$url" 2>/dev/null || true
    return
  fi
  # No curl: plain HTTP only, with bash's /dev/tcp.
  [[ "$url" =~ ^http://([^:/]+):([0-9]+)(/.*)$ ]] || { echo 000; return; }
  local host=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]} path=${BASH_REMATCH[3]} status
  if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
    echo 000
    return
  fi
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
  timeout 10 cat <&3 >"$out.raw" || true
  exec 3<&- 3>&-
  status=$(head -n 1 "$out.raw" | awk '{print $2}')
  sed '1,/^\r\{0,1\}$/d' "$out.raw" >"$out"
  rm -f "$out.raw"
  echo "${status:-000}"
}

# ops_wait_healthy [SECONDS]: waits until /api/health answers 200.
ops_wait_healthy() {
  local limit=${1:-${SWITCHBOARD_START_TIMEOUT:-600}} url tmp i status=000
  url=$(ops_health_url)
  tmp=$(mktemp)
  for ((i = 0; i < limit; i += 2)); do
    status=$(ops_http_get "$url" "$tmp")
    if [ "$status" = 200 ]; then
      rm -f "$tmp"
      ops_log "healthy after ${i} s ($url)"
      return 0
    fi
    # A container that died at start is not waited for (its pid file is there within seconds).
    if [ "$i" -ge 60 ] && ! ops_running; then
      ops_log "Switchboard is not running ${i} s after the start: see $KARAF_LOG/karaf.log"
      rm -f "$tmp"
      return 1
    fi
    sleep 2
  done
  ops_log "not healthy within ${limit} s (last answer: $status $(head -c 300 "$tmp" 2>/dev/null))"
  rm -f "$tmp"
  return 1
}

# ops_client_available: true when the scripts may log in to the Karaf shell.
ops_client_available() {
  [ -n "${SWITCHBOARD_CLIENT_USER:-}" ] &&
    { [ -n "${SWITCHBOARD_CLIENT_PASSWORD:-}" ] || [ -r "${SWITCHBOARD_CLIENT_KEY:-/nonexistent}" ]; }
}

# ops_client COMMAND: runs one Karaf shell command through bin/client; prints its output.
ops_client() {
  local port args=()
  port=$(ops_cfg "$KARAF_ETC/org.apache.karaf.shell.cfg" sshPort)
  args=(-h 127.0.0.1 -a "${port:-8101}" -u "$SWITCHBOARD_CLIENT_USER" -r 3)
  if [ -n "${SWITCHBOARD_CLIENT_PASSWORD:-}" ]; then
    args+=(-p "$SWITCHBOARD_CLIENT_PASSWORD")
  else
    args+=(-k "$SWITCHBOARD_CLIENT_KEY")
  fi
  timeout 300 "$KARAF_HOME/bin/client" "${args[@]}" "$1" 2>&1 </dev/null | grep -v 'JAVA_HOME not set'
}

# ops_owner: user:group that owns the base (restored files get it).
ops_owner() {
  stat -c '%U:%G' "$KARAF_BASE"
}

# ops_data_excluded NAME: true for data/ entries that are runtime state, caches or logs (not
# backed up, cleaned on upgrade) - or the database, which is saved separately.
OPS_DATA_RUNTIME="cache tmp generated-bundles pax-web kar port log tts-cache"
ops_data_runtime() {
  local n
  for n in $OPS_DATA_RUNTIME; do
    [ "$n" = "$1" ] && return 0
  done
  return 1
}

# ops_stamp: a UTC time stamp for file names.
ops_stamp() {
  date -u +%Y%m%dT%H%M%SZ
}
