#!/usr/bin/env bash
# Measures the built distribution: archive size, cold start to all bundles Active, resident memory.
# Usage: benchmarks/measure-distribution.sh [runs]   (after `mvn -B install -DskipTests`)
# Copies the distribution to a temporary directory, starts it in demo mode on free loopback ports
# `runs` times from an empty data/ directory, and stops it each time (by pid). Needs curl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
dist="$root/karaf-assembly/target/assembly"
tgz="$(ls "$root"/karaf-assembly/target/*.tar.gz | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
setcfg() { # file key value
  sed -i "/^[[:space:]]*$2[[:space:]]*=/d" "$1"; echo "$2 = $3" >> "$1"
}

echo "archive: $(basename "$tgz") $(du -m "$tgz" | cut -f1) MB; unpacked $(du -sm "$dist" | cut -f1) MB"
echo "cpu: $(nproc) cores; $(uname -r)"
for run in $(seq 1 "$runs"); do
  home="$work/run$run"; cp -a "$dist" "$home"; rm -rf "$home/data"
  http=$(free_port); core=$(free_port)
  setcfg "$home/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$http"
  setcfg "$home/etc/org.apache.karaf.shell.cfg" sshPort "$(free_port)"
  setcfg "$home/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port)"
  setcfg "$home/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port)"
  setcfg "$home/etc/system.properties" switchboard.artemis.core.port "$core"
  setcfg "$home/etc/system.properties" switchboard.artemis.amqp.port "$(free_port)"
  setcfg "$home/etc/system.properties" switchboard.artemis.mqtt.port "$(free_port)"
  echo "url = tcp://127.0.0.1:$core" > "$home/etc/org.switchboard.platform.broker.cfg"
  printf "address = 127.0.0.1\nport = %s\n" "$(free_port)" > "$home/etc/org.switchboard.channel.sip.cfg"

  start=$(date +%s.%N)
  SWITCHBOARD_DEMO=true "$home/bin/karaf" server > "$home/console.out" 2>&1 &
  pid=$!
  active=""
  for _ in $(seq 1 600); do
    json=$(curl -s -m 5 -u admin:admin "http://127.0.0.1:$http/system/console/bundles.json" || true)
    if [ -n "$json" ] && python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
bad = [b for b in d["data"] if b["state"] not in ("Active", "Fragment")]
sys.exit(0 if d["data"] and not bad else 1)
PY
    then
      active=$(date +%s.%N); break
    fi
    sleep 0.5
  done
  count=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["data"]))' "$json" 2>/dev/null || echo "?")
  sleep 10 # let start-up work settle before reading memory
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$java_pid/status" 2>/dev/null || echo "?")
  if [ -n "$active" ]; then
    printf 'run %d: %d bundles Active in %.1f s; RSS %s MB 10 s later\n' "$run" "$count" "$(echo "$active - $start" | bc)" "$rss"
  else
    echo "run $run: not all bundles Active within 300 s"
  fi
  "$home/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
done
