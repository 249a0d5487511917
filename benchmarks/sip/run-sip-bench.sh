#!/usr/bin/env bash
# SIP load benchmark: calls per second with < 1 % failed calls for the call
#   INVITE / 100 / 180 / 200 / ACK, talk (1 s), BYE / 200
# against one or more targets, measured in the same run:
#   direct       SIPp UAC -> SIPp UAS                                 (ceiling of the harness)
#   kamailio     SIPp UAC -> Kamailio (stateful, record-route, registrar lookup) -> SIPp UAS
#   switchboard  SIPp UAC -> Switchboard (queue -> ACD -> B2BUA) -> SIPp UAS as every agent's phone
#
# Usage: benchmarks/sip/run-sip-bench.sh TARGET[,TARGET...] [options]     (TARGET or "all")
#        benchmarks/sip/run-sip-bench.sh --help
# Everything runs on 127.0.0.1 on free ports; every process started here runs under `timeout` and
# is stopped by its pid on exit. See benchmarks/sip/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
scen="$here/scenarios"

usage() {
  cat <<'EOF'
Usage: run-sip-bench.sh TARGET[,TARGET...] [options]
Targets: direct, kamailio, switchboard, all (= direct,kamailio,switchboard)

Stepping (all targets):
  --start N            first call rate, calls/s (100)
  --max N              highest call rate tried, calls/s (6400); rates double from --start
  --step-seconds N     seconds of new calls per step (15): a step places rate x N calls (-m)
  --talk-ms N          talk time between ACK and BYE, ms (1000)
  --refine N           after the first failing step, N bisection steps between the last good
                       and the failing rate (1)
  --saturation F       also stop when achieved < F x offered (0.8): the loop cannot push more
  --recv-timeout MS    a call fails when an expected answer does not come within MS (10000)
  --open-loop          keep offering --start..--max calls/s however slow the target gets, as a
                       carrier does (SIPp's own default, -l 3 x rate x call seconds, slows new
                       calls once that many are open): for overload tests
  --out DIR            where logs and results go (default: a new sip-bench.XXXXXX in $TMPDIR, /tmp)

kamailio:
  --children N         Kamailio UDP worker processes (4)
  --users N            users the UAS registers in Kamailio's usrloc; calls go to them in turn (100)

switchboard (the appliance runs already; nothing is started or stopped there):
  --sip HOST:PORT      its SIP address (127.0.0.1:5060)
  --rest URL           its REST API base (http://127.0.0.1:8181/api)
  --admin USER:PASS    an admin login (admin:admin, demo mode)
  --server-pid PID     pid of the Karaf JVM for CPU figures (default: the process bound to the
                       SIP UDP port, from `ss -p`)
  --number N           number dialled, i.e. the user part of the Request-URI (100 = queue support)
  --queue ID           queue behind the number (support); --skill ID skill the agents get (support)
  --agents N           agents created and registered (300); each has voice capacity 1
  --agent-prefix P     agent ids P-0001 ... (bench)
  --wrap-up DURATION   wrap-up time set on the queue's routing policy for the run (PT0.001S, the
                       smallest positive value: PT0S means "no timer, the agent completes it",
                       which would block every agent after one call); restored on exit
  --reg-rate N         registrations per second (20: stays inside the default per-source limit
                       of 50 requests/s, burst 200, with two REGISTERs per phone)
  --karaf-client CMD   e.g. "/opt/switchboard/bin/client -u admin -p admin": raise the SIP
                       channel's per-source limits (requestsPerSecond, burst) for the run through
                       config:property-set and put them back on exit. Without it the appliance's
                       own settings apply (defaults cap one source at 50 requests/s = ~16 calls/s)
  --keep-agents        leave the agents READY on exit (default: set them LOGGED_OUT)
EOF
}

# ---- options ----------------------------------------------------------------------------------
[ $# -ge 1 ] || { usage >&2; exit 2; }
INVOCATION="benchmarks/sip/run-sip-bench.sh$(printf ' %q' "$@")"
case "$1" in -h | --help) usage; exit 0 ;; esac
targets_arg="$1"; shift
START=100 MAX=6400 STEP_S=15 TALK_MS=1000 REFINE=1 SATURATION=0.8 RECV_TIMEOUT=10000 OUT="" OPEN_LOOP=0
KAM_CHILDREN=4 KAM_USERS=100
SB_SIP=127.0.0.1:5060 SB_REST=http://127.0.0.1:8181/api SB_ADMIN=admin:admin SB_PID=""
SB_NUMBER=100 SB_QUEUE=support SB_SKILL=support SB_AGENTS=300 SB_PREFIX=bench SB_WRAPUP=PT0.001S
REG_RATE=20 SB_CLIENT="" KEEP_AGENTS=0
while [ $# -gt 0 ]; do
  opt="$1"
  case "$opt" in
    --keep-agents) KEEP_AGENTS=1; shift; continue ;;
    --open-loop) OPEN_LOOP=1; shift; continue ;;
    -h | --help) usage; exit 0 ;;
  esac
  [ $# -ge 2 ] || { echo "option $opt needs a value" >&2; exit 2; }
  val="$2"; shift 2
  case "$opt" in
    --start) START="$val" ;; --max) MAX="$val" ;; --step-seconds) STEP_S="$val" ;;
    --talk-ms) TALK_MS="$val" ;; --refine) REFINE="$val" ;; --saturation) SATURATION="$val" ;;
    --recv-timeout) RECV_TIMEOUT="$val" ;; --out) OUT="$val" ;;
    --children) KAM_CHILDREN="$val" ;; --users) KAM_USERS="$val" ;;
    --sip) SB_SIP="$val" ;; --rest) SB_REST="$val" ;; --admin) SB_ADMIN="$val" ;;
    --server-pid) SB_PID="$val" ;; --number) SB_NUMBER="$val" ;; --queue) SB_QUEUE="$val" ;;
    --skill) SB_SKILL="$val" ;; --agents) SB_AGENTS="$val" ;; --agent-prefix) SB_PREFIX="$val" ;;
    --wrap-up) SB_WRAPUP="$val" ;; --reg-rate) REG_RATE="$val" ;; --karaf-client) SB_CLIENT="$val" ;;
    *) echo "unknown option $opt" >&2; usage >&2; exit 2 ;;
  esac
done
[ "$targets_arg" = all ] && targets_arg=direct,kamailio,switchboard
IFS=, read -ra TARGETS <<<"$targets_arg"
for t in "${TARGETS[@]}"; do
  case "$t" in direct | kamailio | switchboard) ;; *) echo "unknown target '$t'" >&2; exit 2 ;; esac
done
for n in START MAX STEP_S TALK_MS REFINE RECV_TIMEOUT KAM_CHILDREN KAM_USERS SB_AGENTS REG_RATE; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "$n must be a whole number, got '${!n}'" >&2; exit 2; }
done
for cmd in sipp timeout python3 ss awk; do
  command -v "$cmd" >/dev/null || { echo "needs $cmd" >&2; exit 2; }
done

if [ -n "$SB_CLIENT" ]; then # the run works inside $OUT: make a relative client path absolute
  read -ra kc <<<"$SB_CLIENT"
  case "${kc[0]}" in /*) ;; */*) kc[0]="$PWD/${kc[0]}"; SB_CLIENT="${kc[*]}" ;; esac
fi
if [ -z "$OUT" ]; then OUT="$(mktemp -d -t sip-bench.XXXXXX)"; else mkdir -p "$OUT"; fi
OUT="$(cd "$OUT" && pwd)"
cd "$OUT"
HZ="$(getconf CLK_TCK)"
BUFF=4194304
# Upper bound on the life of long-lived helpers (UAS, Kamailio): the run itself must end sooner.
LIFETIME=3600
STEPS_TSV="$OUT/steps.tsv"
: >"$STEPS_TSV"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- processes: every one is started under timeout and remembered by pid ----------------------
PIDS=()      # pids of `timeout` wrappers (and background loops) to stop on exit
EXTRA=()     # further pids (Kamailio children) to make sure of
CLEANUPS=()  # commands to run on exit, last registered first, before processes are stopped

start_bg() { # LOGFILE LIFETIME_S CMD... ; sets BG_PID (timeout's pid) and BG_CHILD (the command)
  local logf="$1" life="$2"; shift 2
  timeout -k 5 "$life" "$@" >"$logf" 2>&1 &
  BG_PID=$!
  PIDS+=("$BG_PID")
  BG_CHILD=""
  for _ in $(seq 1 200); do
    BG_CHILD="$(pgrep -P "$BG_PID" | head -n 1 || true)"
    [ -n "$BG_CHILD" ] && return 0
    kill -0 "$BG_PID" 2>/dev/null || break
    sleep 0.01
  done
  die "could not start: $* (see $logf)"
}

stop_pid() { # PID: TERM, wait up to 5 s, KILL
  local p="$1"
  kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  local i
  for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[i]}"; done # last in, first out
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  for p in "${EXTRA[@]}"; do stop_pid "$p"; done
  wait 2>/dev/null
  log "logs and results in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ----------------------------------------------------------------------------------
free_udp_port() { # a UDP port on 127.0.0.1 nobody holds now (and its TCP twin too, for SIP)
  python3 - <<'PY'
import socket
while True:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    port = u.getsockname()[1]
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        t.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        t.close()
        u.close()
    print(port)
    break
PY
}

udp_bound() { [ -n "$(ss -Hauln "sport = :$1" 2>/dev/null)" ]; }

wait_udp_bound() { # PORT PID: until PORT is bound (bounded, 10 s) while PID lives
  for _ in $(seq 1 200); do
    udp_bound "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

sip_ping() { # HOST PORT: one OPTIONS, 0 when a 200 comes back within 0.5 s
  python3 - "$1" "$2" <<'PY'
import socket, sys, uuid
host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(0.5)
lp, b = s.getsockname()[1], uuid.uuid4().hex
msg = (f"OPTIONS sip:{host}:{port} SIP/2.0\r\n"
       f"Via: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{b}\r\nMax-Forwards: 70\r\n"
       f"From: <sip:probe@127.0.0.1>;tag={b[:10]}\r\nTo: <sip:{host}:{port}>\r\n"
       f"Call-ID: {b}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContact: <sip:probe@127.0.0.1:{lp}>\r\n"
       f"User-Agent: bench-readiness-probe\r\nContent-Length: 0\r\n\r\n")
s.sendto(msg.encode(), (host, port))
try:
    data, _ = s.recvfrom(65535)
    ok = data.split(b"\r\n", 1)[0].split()[1] == b"200"
except (OSError, IndexError):
    ok = False
sys.exit(0 if ok else 1)
PY
}

wait_sip_ready() { # HOST PORT PID TRIES: OPTIONS answered 200 (each try waits up to 0.5 s)
  local i
  for i in $(seq 1 "$4"); do
    sip_ping "$1" "$2" && return 0
    [ -z "$3" ] || kill -0 "$3" 2>/dev/null || return 1
  done
  return 1
}

ticks_of() { # PID...: utime+stime (clock ticks) of these processes; vanished ones count 0
  local total=0 p st f
  for p in "$@"; do
    st="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
    st="${st##*) }" # the fields after "(comm) ": utime and stime are the 12th and 13th of them
    read -ra f <<<"$st"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

server_pids() { # the processes whose CPU counts as "server" for the current target
  case "$CUR_TARGET" in
    kamailio) echo "$KAM_PID" $(pgrep -P "$KAM_PID" || true) ;;
    switchboard) echo "$SB_JVM" ;;
    *) echo "" ;;
  esac
}

rcvbuf_errors() { # kernel-wide UDP RcvbufErrors from /proc/net/snmp
  awk '$1 == "Udp:" { if (!c) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") c = i; next } print $c; exit }' /proc/net/snmp
}

times_children_s() { # FILE written by bash `times`: user+sys seconds of waited-for children
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] } printf "%.3f", s }' "$1"
}

# Final statistics of a SIPp run (-trace_stat file): prints
#   created successful failed elapsed_s mean_call_len_s mean_setup_ms retransmissions watchdog_major
sipp_stats() {
  awk -F';' '
    function hms(v,  a) { n = split(v, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] + (n > 3 ? a[4] / 1e6 : 0) }
    function epoch(v,  a) { n = split(v, a, "\t"); return a[n] }
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { last = $0 }
    END {
      if (last == "") { print "0 0 0 0 0 0 0 0"; exit }
      n = split(last, f, ";")
      el = epoch(f[col["CurrentTime"]]) - epoch(f[col["StartTime"]])
      printf "%d %d %d %.3f %.3f %.1f %d %d\n", f[col["TotalCallCreated"]], f[col["SuccessfulCall(C)"]],
        f[col["FailedCall(C)"]], el, hms(f[col["CallLength(C)"]]), hms(f[col["ResponseTimesetup(C)"]]) * 1000,
        f[col["Retransmissions(C)"]], f[col["WatchdogMajor(C)"]]
    }' "$1"
}

SIPP_COMMON=(-buff_size "$BUFF" -nostdin -aa -default_behaviors all,-abortunexp)

start_uas() { # PORT: the one SIPp UAS every callee's contact points at; sets UAS_TPID, UAS_PID
  start_bg "$OUT/uas-$CUR_TARGET.log" "$LIFETIME" sipp -sf "$scen/uas.xml" -i 127.0.0.1 -p "$1" \
    -mp "$(free_udp_port)" "${SIPP_COMMON[@]}" -trace_stat -stf "$OUT/uas-$CUR_TARGET-stat.csv" -fd 5
  UAS_TPID="$BG_PID" UAS_PID="$BG_CHILD"
  wait_udp_bound "$1" "$UAS_PID" || die "UAS did not bind 127.0.0.1:$1 (see $OUT/uas-$CUR_TARGET.log)"
}

stop_uas() { stop_pid "$UAS_TPID"; }

# register_users HOST PORT CSV COUNT LOCAL_PORT RATE [SCENARIO [WHAT]]: REGISTER every user of CSV
# (register.xml: Contact = 127.0.0.1:LOCAL_PORT; unregister-all.xml: remove all contacts); 0 when
# every user got 200
register_users() {
  local host="$1" port="$2" csv="$3" count="$4" lport="$5" rate="$6" sf="${7:-register}" what="${8:-registered}"
  local stat="$OUT/$sf-$CUR_TARGET-$count.csv"
  local life=$((count / (rate > 0 ? rate : 1) + 30)) created ok failed
  timeout -k 5 "$life" sipp "$host:$port" -sf "$scen/$sf.xml" -inf "$csv" -i 127.0.0.1 \
    -p "$lport" -mp "$(free_udp_port)" -key expires 3600 -m "$count" -r "$rate" -l 20 \
    -buff_size "$BUFF" -nostdin -recv_timeout 5000 -default_behaviors abortunexp \
    -trace_stat -stf "$stat" -fd 1 \
    >"$OUT/$sf-$CUR_TARGET-$count.log" 2>&1 &
  local tp=$!
  PIDS+=("$tp")
  wait "$tp" || true
  read -r created ok failed _ <<<"$(sipp_stats "$stat")"
  log "$CUR_TARGET: $what $ok of $count users ($failed failed)"
  [ "$ok" -eq "$count" ]
}

# ---- one step ---------------------------------------------------------------------------------
# run_step RATE HOST PORT CALLEES_CSV: places RATE x STEP_S calls; appends a line to STEPS_TSV and
# sets STEP_FAIL_PCT, STEP_ACHIEVED, STEP_OK (1 when < 1 % failed and not saturated)
run_step() {
  local rate="$1" host="$2" port="$3" callees="$4"
  local calls=$((rate * STEP_S)) tag="$CUR_TARGET-$rate"
  local stat="$OUT/uac-$tag.csv" life=$((STEP_S * 2 + TALK_MS / 1000 + RECV_TIMEOUT / 1000 + 20))
  local spids s0 s1 u0 u1 r0 r1 d0 d1 lport mport limit=()
  # open loop: room for every call of the step at once, so SIPp never waits for the target
  [ "$OPEN_LOOP" = 0 ] || limit=(-l "$calls")
  [ "$CUR_TARGET" != switchboard ] || sb_before_step
  spids="$(server_pids)"
  lport="$(free_udp_port)"; mport="$(free_udp_port)"
  s0="$(ticks_of $spids)"; u0="$(ticks_of "$UAS_PID")"; r0="$(rcvbuf_errors)"; d0="$(sb_dropped)"
  # in a subshell whose only child is timeout (-> sipp), so `times` gives exactly the UAC's CPU
  (
    tp=""
    trap '[ -n "$tp" ] && kill -TERM "$tp" 2>/dev/null' TERM
    timeout -k 5 "$life" sipp "$host:$port" -sf "$scen/uac.xml" -inf "$callees" -i 127.0.0.1 \
      -p "$lport" -mp "$mport" -d "$TALK_MS" -r "$rate" -m "$calls" \
      "${limit[@]}" "${SIPP_COMMON[@]}" -recv_timeout "$RECV_TIMEOUT" -timeout "$((life - 5))" -timeout_error \
      -trace_stat -stf "$stat" -fd 1 >"$OUT/uac-$tag.log" 2>&1 &
    tp=$!
    rc=0
    wait "$tp" || rc=$?
    if kill -0 "$tp" 2>/dev/null; then wait "$tp" 2>/dev/null || true; fi
    echo "$rc" >"$OUT/uac-$tag.rc"
    times >"$OUT/uac-$tag.times"
  ) &
  local sp=$!
  PIDS+=("$sp")
  wait "$sp" || true
  s1="$(ticks_of $spids)"; u1="$(ticks_of "$UAS_PID")"; r1="$(rcvbuf_errors)"; d1="$(sb_dropped)"
  local created ok failed elapsed clen setup retrans wdog
  read -r created ok failed elapsed clen setup retrans wdog <<<"$(sipp_stats "$stat")"
  local uac_s rc
  uac_s="$(times_children_s "$OUT/uac-$tag.times")"
  rc="$(cat "$OUT/uac-$tag.rc")"
  local line
  line="$(awk -v t="$CUR_TARGET" -v rate="$rate" -v planned="$calls" -v c="$created" -v ok="$ok" \
    -v el="$elapsed" -v clen="$clen" -v setup="$setup" -v rt="$retrans" -v wd="$wdog" \
    -v s0="$s0" -v s1="$s1" -v u0="$u0" -v u1="$u1" -v uac="$uac_s" -v hz="$HZ" \
    -v rb=$((r1 - r0)) -v dr="$([ -n "$d0" ] && [ -n "$d1" ] && echo $((d1 - d0)) || echo -)" \
    -v rc="$rc" -v haveserver="$([ -n "$spids" ] && echo 1 || echo 0)" -v sat="$SATURATION" '
    BEGIN {
      failed = c - ok                    # failed, timed out, or never finished
      if (c < planned) failed += planned - c  # calls SIPp could not even place count as failed
      att = planned
      pct = att ? 100 * failed / att : 100
      gen = el - clen                    # time over which calls were placed
      ach = (gen > 0) ? ok / gen : 0
      if (haveserver) { scpu = (s1 - s0) / hz; sus = att ? scpu / att * 1e6 : 0; scpu_s = sprintf("%.2f", scpu); sus_s = sprintf("%.0f", sus) }
      else { scpu_s = "-"; sus_s = "-" }
      uas = (u1 - u0) / hz
      okflag = (pct < 1 && ach >= sat * rate && (rc == 0 || rc == 1)) ? 1 : 0  # sipp: 0 all ok, 1 some failed
      printf "%s\t%d\t%d\t%d\t%d\t%.2f\t%.0f\t%.1f\t%s\t%s\t%.0f\t%.0f\t%d\t%d\t%s\t%d\t%d\t%d\n",
        t, rate, att, ok, failed, pct, ach, setup, scpu_s, sus_s, att ? uac / att * 1e6 : 0,
        att ? uas / att * 1e6 : 0, rt, rb, dr, wd, rc, okflag
    }')"
  echo "$line" >>"$STEPS_TSV"
  IFS=$'\t' read -r _ _ _ _ _ STEP_FAIL_PCT STEP_ACHIEVED _ _ _ _ _ _ _ _ _ _ STEP_OK <<<"$line"
  awk -F'\t' '{ printf "  %-11s offered %5d/s  attempted %6d  ok %6d  failed %5d (%5.2f %%)  achieved %5d/s  setup %6.1f ms  server CPU %s s (%s us/call)  UAC %s us/call  UAS %s us/call  retrans %d  RcvbufErrors +%d%s\n",
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ($15 == "-" ? "" : "  SIP dropped +" $15) }' <<<"$line" >&2
}

sb_dropped() { # Switchboard only: droppedRequests of the sip health component
  [ "${CUR_TARGET:-}" = switchboard ] || { echo ""; return; }
  curl -s -m 5 "$SB_REST/health" | python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
    print(next(c for c in d["components"] if c["component"] == "sip")["metrics"]["droppedRequests"])
except Exception:
    print("")' 2>/dev/null || echo ""
}

# ---- stepping ---------------------------------------------------------------------------------
# step_target HOST PORT CALLEES_CSV: rates START, 2xSTART, ... MAX until a step fails (>= 1 %) or
# saturates, then REFINE bisection steps; the best step is picked from STEPS_TSV afterwards.
step_target() {
  local host="$1" port="$2" callees="$3" rate="$START" good=0 bad=0 i mid
  while [ "$rate" -le "$MAX" ]; do
    run_step "$rate" "$host" "$port" "$callees"
    if [ "$STEP_OK" -eq 1 ]; then good="$rate"; else bad="$rate"; break; fi
    rate=$((rate * 2))
  done
  if [ "$bad" -gt 0 ] && [ "$good" -gt 0 ]; then
    for ((i = 0; i < REFINE; i++)); do
      mid=$(((good + bad) / 2 / 50 * 50))
      [ "$mid" -gt "$good" ] && [ "$mid" -lt "$bad" ] || break
      run_step "$mid" "$host" "$port" "$callees"
      if [ "$STEP_OK" -eq 1 ]; then good="$mid"; else bad="$mid"; fi
    done
  fi
}

# ---- targets ----------------------------------------------------------------------------------
bench_direct() {
  local uport
  uport="$(free_udp_port)"
  start_uas "$uport"
  printf 'SEQUENTIAL\ndirect\n' >"$OUT/callees-direct.csv"
  log "direct: UAS on 127.0.0.1:$uport"
  step_target 127.0.0.1 "$uport" "$OUT/callees-direct.csv"
  stop_uas
}

bench_kamailio() {
  command -v kamailio >/dev/null || die "kamailio is not installed (apt-get install kamailio)"
  local kport uport kdir="$OUT/kamailio" i
  mkdir -p "$kdir/run"
  kport="$(free_udp_port)"
  start_bg "$kdir/kamailio.log" "$LIFETIME" kamailio -f "$here/kamailio.cfg" -DD -E \
    -A "BENCH_PORT=$kport" -A "BENCH_CHILDREN=$KAM_CHILDREN" -Y "$kdir/run" -P "$kdir/kamailio.pid" \
    -w "$kdir" -m 512 -M 16 -a no
  KAM_TPID="$BG_PID" KAM_PID="$BG_CHILD"
  wait_udp_bound "$kport" "$KAM_PID" || die "Kamailio did not bind 127.0.0.1:$kport (see $kdir/kamailio.log)"
  wait_sip_ready 127.0.0.1 "$kport" "$KAM_PID" 20 || die "Kamailio does not answer OPTIONS (see $kdir/kamailio.log)"
  EXTRA+=($(pgrep -P "$KAM_PID" || true))
  log "kamailio: pid $KAM_PID with $(pgrep -P "$KAM_PID" | wc -l) children on 127.0.0.1:$kport"

  # the callees register first (Contact = the UAS's address), then the UAS starts on that port
  uport="$(free_udp_port)"
  { echo SEQUENTIAL; for ((i = 1; i <= KAM_USERS; i++)); do printf 'u%04d;unused\n' "$i"; done; } >"$OUT/users-kamailio.csv"
  { echo SEQUENTIAL; for ((i = 1; i <= KAM_USERS; i++)); do printf 'u%04d\n' "$i"; done; } >"$OUT/callees-kamailio.csv"
  register_users 127.0.0.1 "$kport" "$OUT/users-kamailio.csv" "$KAM_USERS" "$uport" 200 ||
    die "registration in Kamailio failed (see $OUT/register-kamailio-$KAM_USERS.log)"
  start_uas "$uport"
  log "kamailio: UAS on 127.0.0.1:$uport, $KAM_USERS users registered"
  step_target 127.0.0.1 "$kport" "$OUT/callees-kamailio.csv"
  stop_uas
  stop_pid "$KAM_TPID"
}

# ---- Switchboard over REST --------------------------------------------------------------------
API_BODY=""
api() { # METHOD PATH [JSON]: prints the HTTP status; the body goes to $API_BODY ($OUT/api.body)
  local m="$1" p="$2" body="${3:-}"
  local args=(-s -m 20 -o "${API_BODY:-$OUT/api.body}" -w '%{http_code}' -u "$SB_ADMIN" -X "$m" -H 'Accept: application/json')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$SB_REST$p" || true # -w prints 000 when there is no answer
}

json_get() { # EXPR over the JSON in $OUT/api.body (python expression on `d`; ours() = this run's agent ids)
  python3 -c "import json,sys
def ours():
    return {l.split(';')[0] for l in open(sys.argv[2]).read().split()[1:]}
d=json.load(open(sys.argv[1])); print($1)" "${API_BODY:-$OUT/api.body}" "$OUT/users-switchboard.csv"
}

karaf() { # Karaf shell command through --karaf-client
  local kc
  read -ra kc <<<"$SB_CLIENT"
  timeout 60 "${kc[@]}" "$1" 2>&1 | tr -d '\r'
}

SB_AGENT_IDS=()
heartbeats() { # keeps the ACD watchdog (staleAgentSeconds, 120 s) from logging the agents out
  local urls=() a
  for a in "${SB_AGENT_IDS[@]}"; do urls+=("$SB_REST/v1/acd/agents/$a/heartbeat?source=bench"); done
  local sp=""
  trap '[ -n "$sp" ] && kill "$sp" 2>/dev/null; exit 0' TERM
  while true; do
    curl -s -m 20 -o /dev/null -u "$SB_ADMIN" -X POST -H 'Content-Type: application/json' -d '{}' "${urls[@]}" || true
    sleep 30 & # a period, not a synchronisation
    sp=$!
    wait "$sp" || true
  done
}

bench_switchboard() {
  command -v curl >/dev/null || die "needs curl"
  SB_REST="${SB_REST%/}"; SB_REST="${SB_REST%/v1}"
  local shost="${SB_SIP%:*}" sport="${SB_SIP##*:}" st i a
  [ "$shost" = 127.0.0.1 ] || die "--sip must be on 127.0.0.1 (all benchmark traffic stays on loopback)"
  # Health turns 200 once db, broker and core are up; the SIP channel may register a moment later.
  for ((i = 0; i < 60; i++)); do
    st="$(curl -s -m 10 -o "$OUT/api.body" -w '%{http_code}' "$SB_REST/health" || true)"
    if [ "$st" = 200 ] && json_get '[c["component"] for c in d["components"]]' | grep -q "'sip'"; then
      break
    fi
    sleep 1
  done
  [ "$st" = 200 ] || die "Switchboard is not healthy at $SB_REST/health (HTTP $st)"
  json_get '[c["component"] for c in d["components"]]' | grep -q "'sip'" || die "no sip component in $SB_REST/health after 60 s"
  wait_sip_ready "$shost" "$sport" "" 5 || die "Switchboard does not answer OPTIONS on $SB_SIP"
  if [ -z "$SB_PID" ]; then
    SB_PID="$(ss -Hulnp "sport = :$sport" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  [ -n "$SB_PID" ] && [ -r "/proc/$SB_PID/stat" ] || die "no Karaf JVM pid (give --server-pid)"
  SB_JVM="$SB_PID"
  log "switchboard: SIP $SB_SIP, REST $SB_REST, JVM pid $SB_JVM"

  # per-source limits of the SIP port: one source (127.0.0.1) carries all traffic of the run
  if [ -n "$SB_CLIENT" ]; then
    local key old
    for key in requestsPerSecond burst; do
      old="$(karaf "config:property-get -p org.switchboard.channel.sip $key" | tail -n 1)"
      if [[ "$old" =~ ^[0-9.]+$ ]]; then
        CLEANUPS+=("karaf 'config:property-set -p org.switchboard.channel.sip $key $old' >/dev/null")
      else
        CLEANUPS+=("karaf 'config:property-delete -p org.switchboard.channel.sip $key' >/dev/null")
      fi
      karaf "config:property-set -p org.switchboard.channel.sip $key 1000000" >/dev/null
    done
    log "switchboard: SIP per-source limits raised to 1,000,000 for the run (restored on exit)"
    log "switchboard: SIP routes: $(karaf "config:property-get -p org.switchboard.channel.sip routes" | tail -n 1)"
    # the SIP endpoint restarts with the new configuration: wait until it answers again
    wait_sip_ready "$shost" "$sport" "" 40 || die "SIP port did not come back after the change"
    REG_RATE=$((REG_RATE > 100 ? REG_RATE : 100))
  else
    log "switchboard: SIP per-source limits left as configured (defaults 50 requests/s, burst 200 per source cap the run at ~16 calls/s; see README)"
  fi

  # skill, queue, routing policy
  st="$(api GET "/v1/skills/$SB_SKILL")"
  if [ "$st" = 404 ]; then
    st="$(api POST /v1/skills "{\"id\":\"$SB_SKILL\",\"description\":\"benchmark\"}")"
    [ "$st" = 201 ] || die "creating skill $SB_SKILL: HTTP $st $(cat "$OUT/api.body")"
  fi
  st="$(api GET "/v1/queues/$SB_QUEUE")"
  if [ "$st" = 404 ]; then
    st="$(api POST /v1/queues "{\"id\":\"$SB_QUEUE\",\"name\":\"$SB_QUEUE\",\"channels\":[\"voice\"],\"requiredSkills\":[{\"skill\":\"$SB_SKILL\",\"minimumLevel\":1}],\"priority\":50,\"serviceLevelThreshold\":\"PT20S\",\"serviceLevelTarget\":80,\"maxWait\":null,\"overflowQueue\":null,\"version\":0}")"
    [ "$st" = 201 ] || die "creating queue $SB_QUEUE: HTTP $st $(cat "$OUT/api.body")"
  else
    [ "$st" = 200 ] || die "reading queue $SB_QUEUE: HTTP $st"
    json_get '"voice" in [c.lower() for c in d["channels"]]' | grep -q True || die "queue $SB_QUEUE does not take voice"
  fi
  st="$(api GET "/v1/acd/queues/$SB_QUEUE/policy")"
  [ "$st" = 200 ] || die "reading the routing policy of $SB_QUEUE: HTTP $st $(cat "$OUT/api.body")"
  cp "$OUT/api.body" "$OUT/policy-original.json"
  local newpolicy
  newpolicy="$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1])); p["wrapUpTime"] = sys.argv[2]
print(json.dumps(p))' "$OUT/policy-original.json" "$SB_WRAPUP")"
  st="$(api PUT "/v1/acd/queues/$SB_QUEUE/policy" "$newpolicy")"
  if [ "$st" != 200 ]; then
    log "switchboard: wrap-up $SB_WRAPUP refused (HTTP $st $(cat "$OUT/api.body")); using PT1S"
    SB_WRAPUP=PT1S
    newpolicy="$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1])); p["wrapUpTime"] = sys.argv[2]
print(json.dumps(p))' "$OUT/policy-original.json" "$SB_WRAPUP")"
    st="$(api PUT "/v1/acd/queues/$SB_QUEUE/policy" "$newpolicy")"
    [ "$st" = 200 ] || die "setting the wrap-up time: HTTP $st $(cat "$OUT/api.body")"
  fi
  CLEANUPS+=("restore_policy")
  log "switchboard: queue $SB_QUEUE wrap-up time $(json_get 'd["wrapUpTime"]') for the run (was $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["wrapUpTime"])' "$OUT/policy-original.json"))"

  # agents: profile, SIP password (a fresh random password per agent and run)
  local users="$OUT/users-switchboard.csv"
  (
    umask 077
    echo SEQUENTIAL
    python3 -c 'import secrets, sys
for i in range(1, int(sys.argv[2]) + 1):
    print("%s-%04d;bench-%s" % (sys.argv[1], i, secrets.token_hex(8)))' "$SB_PREFIX" "$SB_AGENTS"
  ) >"$users"
  while IFS=';' read -r a _; do SB_AGENT_IDS+=("$a"); done < <(tail -n +2 "$users")
  for_agents create_agent || die "creating the agents failed: $(head -n 3 "$AGENTS_ERR")"
  log "switchboard: $SB_AGENTS agents with skill $SB_SKILL and voice capacity 1, SIP passwords set"
  [ "$KEEP_AGENTS" = 1 ] || CLEANUPS+=("logout_agents")

  # phones: remove contacts left from earlier runs (the B2BUA rings every contact of an agent),
  # the first agent alone as a check so a wrong password costs one failed authentication, not a
  # lock-out of 127.0.0.1; then register every agent with Contact = the UAS's address
  local uport
  uport="$(free_udp_port)"
  head -n 2 "$users" >"$OUT/users-first.csv"
  register_users "$shost" "$sport" "$OUT/users-first.csv" 1 "$(free_udp_port)" 1 unregister-all "old contacts removed for" ||
    die "the first agent could not authenticate (see $OUT/unregister-all-switchboard-1.log)"
  register_users "$shost" "$sport" "$users" "$SB_AGENTS" "$(free_udp_port)" "$REG_RATE" unregister-all "old contacts removed for" ||
    die "removing old contacts failed (see $OUT/unregister-all-switchboard-$SB_AGENTS.log)"
  CLEANUPS+=("unregister_agents")
  register_users "$shost" "$sport" "$users" "$SB_AGENTS" "$uport" "$REG_RATE" ||
    die "not every agent's phone registered (see $OUT/register-switchboard-$SB_AGENTS.log)"
  st="$(api GET /v1/sip/registrations)"
  local n
  n="$(json_get "sum(1 for r in d if r['agentId'] in ours() and r['contact'].endswith('127.0.0.1:$uport'))")"
  log "switchboard: $n registrations of this run's agents point at 127.0.0.1:$uport"
  [ "$n" -ge "$SB_AGENTS" ] || die "expected $SB_AGENTS registrations at 127.0.0.1:$uport, found $n"
  start_uas "$uport"

  # READY, with heartbeats for the watchdog
  for_agents agent_ready || die "setting the agents READY failed: $(head -n 3 "$AGENTS_ERR")"
  heartbeats >/dev/null 2>&1 &
  PIDS+=($!)
  st="$(api GET /v1/agents)"
  local others
  others="$(json_get "','.join(x['id'] for x in d if x['state'] == 'READY' and x['id'] not in ours())")"
  [ -z "$others" ] || log "switchboard: WARNING other agents are READY and may be offered benchmark calls: $others"
  log "switchboard: $SB_AGENTS agents READY"

  # with voice capacity 1, agents limit the rate: rate x (setup + talk + wrap-up) <= agents
  local cap
  cap=$((SB_AGENTS * 1000 / (TALK_MS + 500)))
  if [ "$MAX" -gt "$cap" ]; then
    log "switchboard: $SB_AGENTS agents carry at most ~$cap calls/s at ${TALK_MS} ms talk; --max lowered from $MAX to $cap (raise --agents for more)"
    MAX="$cap"
  fi
  printf 'SEQUENTIAL\n%s\n' "$SB_NUMBER" >"$OUT/callees-switchboard.csv"
  step_target "$shost" "$sport" "$OUT/callees-switchboard.csv"
  stop_uas
}

# for_agents FUNC [CSV]: FUNC ID PASSWORD for every agent of CSV (users-switchboard.csv), 4 REST
# clients at once; 0 when every call of FUNC succeeded (failures are described in
# $OUT/agents-FUNC.err, as AGENTS_ERR says)
for_agents() {
  local fn="$1" csv="${2:-$OUT/users-switchboard.csv}" w pids=() ok=0
  AGENTS_ERR="$OUT/agents-$fn.err"
  : >"$AGENTS_ERR"
  for w in 0 1 2 3; do
    (
      API_BODY="$OUT/api.body.$w"
      tail -n +2 "$csv" | awk -F';' -v w="$w" '(NR - 1) % 4 == w' |
        while IFS=';' read -r a pw; do "$fn" "$a" "$pw" || exit 1; done
    ) &
    pids+=($!)
  done
  for w in "${pids[@]}"; do wait "$w" || ok=1; done
  return "$ok"
}

create_agent() { # ID PASSWORD: profile (created, or overwritten when it exists) and SIP password
  local a="$1" pw="$2" st body
  body="{\"id\":\"$a\",\"displayName\":\"Benchmark agent $a\",\"skills\":[{\"skill\":\"$SB_SKILL\",\"level\":10}],\"teams\":[],\"capacity\":{\"voice\":1},\"version\":0}"
  st="$(api POST /v1/agents "$body")"
  if [ "$st" = 409 ]; then st="$(api PUT "/v1/agents/$a" "$body")"; fi
  if [ "$st" != 201 ] && [ "$st" != 200 ]; then
    echo "agent $a: HTTP $st $(cat "$API_BODY")" >>"$AGENTS_ERR"; return 1
  fi
  st="$(api PUT "/v1/sip/credentials/$a" "{\"password\":\"$pw\"}")"
  if [ "$st" != 204 ]; then echo "SIP password of $a: HTTP $st $(cat "$API_BODY")" >>"$AGENTS_ERR"; return 1; fi
}

agent_ready() { # ID (an agent READY already, e.g. kept by --keep-agents, is refused 409: fine)
  local st
  st="$(api PUT "/v1/agents/$1/state" '{"state":"READY"}')"
  [ "$st" = 200 ] && return 0
  local why
  why="$(cat "$API_BODY")"
  if [ "$st" = 409 ] && [ "$(api GET "/v1/agents/$1")" = 200 ] &&
    python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["state"] != "READY")' "$API_BODY"; then
    return 0
  fi
  echo "agent $1 READY: HTTP $st $why" >>"$AGENTS_ERR"
  return 1
}

# Before each Switchboard step: agents that a failed offer left NOT_READY (no-answer) are READY
# again, so every step starts with the whole pool
sb_before_step() {
  local n
  [ "$(api GET /v1/agents)" = 200 ] || { log "switchboard: could not list the agents"; return 0; }
  json_get "'\\n'.join(['SEQUENTIAL'] + [x['id'] + ';' for x in d if x['id'] in ours() and x['state'] != 'READY'])" >"$OUT/agents-not-ready.csv"
  n=$(($(wc -l <"$OUT/agents-not-ready.csv") - 1))
  if [ "$n" -gt 0 ]; then
    log "switchboard: $n agents were not READY (e.g. no-answer after a failed offer); READY again"
    for_agents agent_ready "$OUT/agents-not-ready.csv" || log "switchboard: WARNING: $(head -n 1 "$AGENTS_ERR")"
  fi
}

agent_logout() { # ID
  api PUT "/v1/agents/$1/state" '{"state":"LOGGED_OUT"}' >/dev/null
}

restore_policy() {
  local cur ver
  api GET "/v1/acd/queues/$SB_QUEUE/policy" >/dev/null
  ver="$(json_get 'd["version"]' 2>/dev/null || echo 0)"
  cur="$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1])); p["version"] = int(sys.argv[2])
print(json.dumps(p))' "$OUT/policy-original.json" "$ver")"
  [ "$(api PUT "/v1/acd/queues/$SB_QUEUE/policy" "$cur")" = 200 ] && log "switchboard: routing policy of $SB_QUEUE restored" ||
    log "switchboard: could not restore the routing policy of $SB_QUEUE: $(cat "$OUT/api.body")"
}

unregister_agents() {
  local shost="${SB_SIP%:*}" sport="${SB_SIP##*:}"
  CUR_TARGET=switchboard-end register_users "$shost" "$sport" "$OUT/users-switchboard.csv" "$SB_AGENTS" \
    "$(free_udp_port)" "$REG_RATE" unregister-all "contacts removed at the end for" || true
}

logout_agents() {
  for_agents agent_logout
  log "switchboard: ${#SB_AGENT_IDS[@]} benchmark agents LOGGED_OUT (profiles and passwords kept for the next run)"
}

# ---- main -------------------------------------------------------------------------------------
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
log "SIP benchmark: targets ${TARGETS[*]}; rates $START..$MAX calls/s, $STEP_S s per step, talk $TALK_MS ms; out $OUT"
for t in "${TARGETS[@]}"; do
  CUR_TARGET="$t"
  "bench_$t"
done
CUR_TARGET=""
load1="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- report -----------------------------------------------------------------------------------
{
  echo "SIP load benchmark, $started; $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)); load average $load0 at start, $load1 at end"
  echo "$(sipp -v 2>/dev/null | sed -n 's/^ *\(SIPp v[^ ]*\).*/\1/p' | head -n 1); $(kamailio -v 2>/dev/null | head -n 1 || true); net.core.rmem_max $(cat /proc/sys/net/core/rmem_max)"
  echo "Command: $INVOCATION"
  echo "Call: INVITE/100/180/200/ACK, ${TALK_MS} ms talk, BYE/200; ${STEP_S} s of new calls per step$([ "$OPEN_LOOP" = 0 ] || echo ", open loop (no SIPp call limit)"); CPU per call = CPU seconds during the step / calls attempted"
  echo
  echo "| Target | Offered calls/s | Attempted | Successful | Failed | Failed % | Achieved calls/s | Mean setup ms | Server CPU s | Server µs/call | SIPp UAC µs/call | SIPp UAS µs/call | Retransmissions | UDP RcvbufErrors Δ | SIP requests dropped Δ |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %d | %d | %d | %d | %.2f | %d | %.1f | %s | %s | %d | %d | %d | %d | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 }' "$STEPS_TSV"
  echo
  echo "| Target | Best calls/s with < 1 % failed (offered) | Server µs/call there | Failed % there | Mean setup ms there |"
  echo "|---|---|---|---|---|"
  for t in "${TARGETS[@]}"; do
    awk -F'\t' -v t="$t" '$1 == t && $6 < 1 && ($17 == 0 || $17 == 1) { if ($7 > best) { best = $7; line = $0 } }
      END {
        if (line == "") { printf "| %s | none below 1 %% failed | | | |\n", t; exit }
        split(line, f, "\t"); printf "| %s | **%d** (%d) | %s | %.2f | %.1f |\n", t, f[7], f[2], f[10], f[6], f[8]
      }' "$STEPS_TSV"
  done
} | tee "$OUT/report.md"
