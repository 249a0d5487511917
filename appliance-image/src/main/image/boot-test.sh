#!/usr/bin/env bash
# Boot test of the appliance image under qemu (software emulation by default, no KVM needed):
# boots a throw-away overlay of the qcow2 (the image itself is never written) with user-mode
# networking whose forwarded ports listen on 127.0.0.1 only, gives first boot its passwords through
# a qemu fw_cfg seed (what an operator does with `-fw_cfg` in Proxmox/libvirt), and checks what an
# operator would:
#   - first boot: login prompt on the serial console, SSH answers with a new host key
#   - GET /api/health through the forwarded HTTPS port: 200, every component UP
#   - the web console answers over HTTPS (401 without login, 200 as admin with the seeded password)
#     with the certificate made at first boot (CN = the seeded host name)
#   - SIP OPTIONS to the forwarded SIP port (UDP, sipsak) gets 200; also over TLS (5061)
#   - SSH with the seeded key; sudo with the seeded OS password; switchboard-health inside is 0
#   - inside: an online switchboard-backup (MANIFEST mode=online) and a support bundle holding
#     neither the TLS key nor its password
#   - a port the firewall does not open is dropped: a listener on guest port 9999 answers inside
#     the guest but not through the forwarded port, and the firewall's drop counter grows
# With --console-setup there is no seed: the test answers the first-boot wizard on the serial
# console as an administrator would (a too short password first, then both passwords twice), sees
# the URL it shows, logs in on the console with the OS password, runs `sudo switchboard-health`
# there, logs in to the web console with the Switchboard password and powers off.
# Writes a report (times, results); exits non-zero when a check fails. Stops qemu by its pid.
#
# Usage: boot-test.sh --image IMAGE.qcow2 --work DIR [--report FILE] [--timeout SECONDS]
#          [--memory MiB] [--accel tcg|kvm] [--keep] [--console-setup]
set -euo pipefail

image=""
work=""
report=""
limit=900
memory=3072
accel=tcg
keep=false
console_setup=false

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit "${1:-0}"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    --accel) accel=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    --console-setup) console_setup=true; shift ;;
    -h | --help) usage 0 ;;
    *) echo "boot-test: unknown argument $1" >&2; usage 2 ;;
  esac
done
if [ -z "$image" ] || [ -z "$work" ]; then usage 2; fi
[ -r "$image" ] || { echo "boot-test: no image at $image" >&2; exit 1; }
for tool in qemu-system-x86_64 qemu-img curl sipsak openssl ssh ssh-keygen ss; do
  command -v "$tool" >/dev/null || { echo "boot-test: missing $tool (apt-get install qemu-system-x86 qemu-utils curl sipsak openssl openssh-client iproute2)" >&2; exit 1; }
done

image=$(readlink -f "$image")
mkdir -p "$work"
work=$(cd "$work" && pwd)
report=${report:-$work/boot-report.txt}
console=$work/console.log
pidfile=$work/qemu.pid
rm -f "$console" "$pidfile" "$work/overlay.qcow2" "$work/known_hosts"
: >"$report"

say() {
  echo "boot-test: [$(date -u +%H:%M:%S)] $*"
}
failures=0
result() {
  # result NAME ok|FAIL DETAIL
  printf '%-28s %-4s %s\n' "$1" "$2" "$3" | tee -a "$report"
  [ "$2" = ok ] || failures=$((failures + 1))
}

qemu_pid=""
reader_pid=""
cleanup() {
  # An if, not &&: the trap's last status is the script's exit status.
  if [ -n "$reader_pid" ]; then
    kill "$reader_pid" 2>/dev/null || true
  fi
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
    say "stopping qemu (pid $qemu_pid)"
    kill "$qemu_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$qemu_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$qemu_pid" 2>/dev/null || true
  fi
  $keep || rm -f "$work/overlay.qcow2"
}
trap cleanup EXIT

# free_port tcp|udp: a port nothing listens on (127.0.0.1).
taken=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    case "$taken" in *" $p "*) continue ;; esac
    if [ "$1" = udp ]; then
      [ -z "$(ss -Hlun "sport = :$p")" ] || continue
    else
      [ -z "$(ss -Hltn "sport = :$p")" ] || continue
    fi
    taken="$taken$p "
    echo "$p"
    return
  done
}
https_port=$(free_port tcp)
ssh_port=$(free_port tcp)
sip_udp=$(free_port udp)
sip_tcp=$(free_port tcp)
sip_tls=$(free_port tcp)
closed_port=$(free_port tcp)
karaf_ssh=$(free_port tcp)

# --- The seed: random passwords, a key pair, a host name.
rand() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}
admin_pw="Sb-$(rand 9)"
os_pw="Os-$(rand 9)"
guest=sb-boottest
rm -f "$work/id_boottest" "$work/id_boottest.pub"
ssh-keygen -q -t ed25519 -N '' -C boot-test -f "$work/id_boottest"
umask 077
cat >"$work/seed.conf" <<EOF
# Switchboard first-boot seed (boot test)
admin_password=$admin_pw
os_password=$os_pw
ssh_authorized_key=$(cat "$work/id_boottest.pub")
hostname=$guest
EOF
umask 022

qemu-img create -q -f qcow2 -b "$image" -F qcow2 "$work/overlay.qcow2"
seed_args=(-fw_cfg "name=opt/org.switchboard/seed,file=$work/seed.conf")
serial_args=(-serial "file:$console")
if $console_setup; then
  # No seed; the serial console is a pair of pipes: qemu writes serial.out (copied to the console
  # log) and reads what the test types from serial.in.
  seed_args=()
  rm -f "$work/serial.in" "$work/serial.out"
  mkfifo "$work/serial.in" "$work/serial.out"
  : >"$console"
  cat "$work/serial.out" >>"$console" &
  reader_pid=$!
  exec 4<>"$work/serial.in"
  serial_args=(-serial "pipe:$work/serial")
fi
fwd="hostfwd=tcp:127.0.0.1:$https_port-:443,hostfwd=tcp:127.0.0.1:$ssh_port-:22"
fwd="$fwd,hostfwd=udp:127.0.0.1:$sip_udp-:5060,hostfwd=tcp:127.0.0.1:$sip_tcp-:5060"
fwd="$fwd,hostfwd=tcp:127.0.0.1:$sip_tls-:5061,hostfwd=tcp:127.0.0.1:$closed_port-:9999"
fwd="$fwd,hostfwd=tcp:127.0.0.1:$karaf_ssh-:8101"
# Under TCG, the plainest x86-64 model: JIT-compiled JVM code crashed in emulation (SIGSEGV in
# keytool at first boot, qemu 7.2, with -cpu max and once with qemu64; first boot now runs no JVM).
cpu=qemu64
# And one translating thread for both vCPUs: with multi-threaded TCG, Karaf's own JVM crashed four
# times in one first boot (2026-12-03), each time with SIGSEGV at the entry of a C1-compiled
# method, i.e. where HotSpot patches code that another vCPU may be running (cross-modifying code).
accel_opts="tcg,thread=single"
if [ "$accel" = kvm ]; then
  cpu=host
  accel_opts=kvm
fi
{
  echo "image:    $image ($(($(stat -c %s "$image") / 1048576)) MiB)"
  echo "qemu:     $(qemu-system-x86_64 --version | head -n 1), accel=$accel_opts, 2 vCPUs, $memory MiB"
  echo "forwards: https $https_port, ssh $ssh_port, sip udp $sip_udp, sip tcp $sip_tcp, sip tls $sip_tls, not opened 9999 -> $closed_port, karaf ssh 8101 -> $karaf_ssh (all 127.0.0.1)"
} | tee -a "$report"

say "starting qemu"
t0=$(date +%s)
qemu-system-x86_64 -name switchboard-boot-test -machine pc -accel "$accel_opts" -cpu "$cpu" -smp 2 -m "$memory" \
  -drive "file=$work/overlay.qcow2,if=virtio,format=qcow2,cache=unsafe" \
  -netdev "user,id=n0,hostname=$guest,$fwd" -device virtio-net-pci,netdev=n0 \
  "${seed_args[@]}" "${serial_args[@]}" -display none -monitor none -vga std \
  -pidfile "$pidfile" -daemonize
qemu_pid=$(cat "$pidfile")
say "qemu pid $qemu_pid"
deadline=$((t0 + limit))

elapsed() {
  echo $(($(date +%s) - t0))
}
alive() {
  kill -0 "$qemu_pid" 2>/dev/null
}
# wait_for WHAT COMMAND...: runs COMMAND every 3 s until it succeeds or the time is up.
wait_for() {
  local what=$1
  shift
  while [ "$(date +%s)" -lt "$deadline" ]; do
    alive || { say "qemu died while waiting for $what"; return 1; }
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 3
  done
  say "timed out waiting for $what"
  return 1
}

ssh_banner() {
  timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$ssh_port && head -c 7 <&3" | grep -q '^SSH-2.0'
}
health_up() {
  local body
  body=$(curl -sk --max-time 10 "https://127.0.0.1:$https_port/api/health") || return 1
  grep -q '^{"status":"UP"' <<<"$body"
}
guest_ssh() {
  ssh -i "$work/id_boottest" -p "$ssh_port" -o BatchMode=yes -o ConnectTimeout=10 \
    -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="$work/known_hosts" \
    -o LogLevel=ERROR admin@127.0.0.1 "$@"
}

# guest_sudo COMMAND: runs one shell command line as root in the guest (sudo with the OS password).
guest_sudo() {
  printf '%s\n' "$os_pw" | guest_ssh "sudo -S -p '' bash -c $(printf '%q' "$1")"
}

# console_page [CURL OPTIONS]: the HTTP status of the web console's bundle page (000: no answer).
# Its first rendering as admin takes tens of seconds under software emulation.
console_page() {
  curl -sk -L -o "$work/console.html" -w '%{http_code}' --max-time 90 "$@" \
    "https://127.0.0.1:$https_port/system/console/bundles" || true
}
# console_as_admin: true once the web console answers 200 to admin (sets authed).
console_as_admin() {
  authed=$(console_page -u "admin:$admin_pw")
  [ "$authed" = 200 ]
}

# --- Console setup (no seed): the administrator answers the wizard on the serial console.
# type_line TEXT: types TEXT and Enter on the serial console.
type_line() {
  printf '%s\r' "$1" >&4
}
# seen N TEXT: the console has shown TEXT on N lines or more.
seen() {
  [ "$(grep -c -F -- "$2" "$console")" -ge "$1" ]
}
if $console_setup; then
  asked="New password for the Switchboard administrator"
  if wait_for "the first-boot wizard" seen 1 "$asked"; then
    result console.wizard ok "asks for the passwords after $(elapsed) s"
  else
    result console.wizard FAIL "no password question on the serial console"
  fi
  type_line "short-pw"
  if wait_for "the refusal" seen 1 "Too short" && wait_for "the question again" seen 2 "$asked"; then
    result console.short-password ok "an 8-character password is refused and asked again"
  else
    result console.short-password FAIL "no 'Too short' and no second question"
  fi
  type_line "$admin_pw"
  wait_for "the repeat question" seen 1 "Repeat it" && type_line "$admin_pw"
  wait_for "the OS password question" seen 1 "New password for the OS user" && type_line "$os_pw"
  wait_for "the second repeat question" seen 2 "Repeat it" && type_line "$os_pw"
  if wait_for "the end of the wizard" seen 1 "Done. Open the web console" &&
    url=$(grep -m1 -o 'https://[0-9.]*/system/console' "$console"); then
    result console.setup ok "shows $url and the certificate's fingerprint"
  else
    result console.setup FAIL "the wizard did not finish with the console URL"
  fi
  if wait_for "the login prompt" seen 1 "login:"; then
    type_line admin
    wait_for "the password prompt" seen 1 "Password:" && type_line "$os_pw"
    wait_for "the shell" seen 1 "admin@" &&
      type_line "echo '$os_pw' | sudo -S -p '' switchboard-health --wait $limit; echo health-exit=\$?"
  fi
  if wait_for "switchboard-health on the console" seen 1 "health-exit=0"; then
    result console.login-health ok "OS password logs in; sudo switchboard-health UP after $(elapsed) s"
  else
    result console.login-health FAIL "$(grep -a 'health-exit=\|Login incorrect' "$console" | tail -n 2 | tr '\n' ' ')"
  fi
  anon=$(console_page)
  authed=000
  wait_for "the web console as admin" console_as_admin
  if [ "$anon" = 401 ] && [ "$authed" = 200 ]; then
    result console.web-login ok "the web console takes the password set on the console"
  else
    result console.web-login FAIL "without login $anon, as admin $authed"
  fi
  type_line "echo '$os_pw' | sudo -S -p '' systemctl poweroff"
  for _ in $(seq 1 120); do
    alive || break
    sleep 1
  done
  if alive; then result shutdown FAIL "still running 120 s after poweroff"; else result shutdown ok "powered off"; fi
  echo "failures: $failures" | tee -a "$report"
  [ "$failures" = 0 ]
  exit
fi

# --- First boot.
if wait_for "the login prompt" grep -q 'login:' "$console"; then
  result boot.login-prompt ok "after $(elapsed) s"
else
  result boot.login-prompt FAIL "no login prompt on the serial console"
fi
if wait_for "the SSH banner" ssh_banner; then
  result boot.ssh-banner ok "after $(elapsed) s"
else
  result boot.ssh-banner FAIL "no SSH-2.0 banner through the forwarded port"
fi
if wait_for "GET /api/health UP" health_up; then
  t_health=$(elapsed)
  result boot.health-up ok "after $t_health s"
else
  t_health=-
  result boot.health-up FAIL "health never UP"
fi

# --- Health: every component UP.
body=$(curl -sk --max-time 10 -w '\n%{http_code}' "https://127.0.0.1:$https_port/api/health" || true)
code=$(tail -n 1 <<<"$body")
body=$(sed '$d' <<<"$body")
printf '%s\n' "$body" >"$work/health.json"
components=$(printf '%s' "${body//\{\"component\":/$'\n'\{\"component\":}" | sed -n 's/^{"component":"\([^"]*\)","status":"\([A-Z]*\)".*/\1=\2/p' | tr '\n' ' ')
notup=$(tr ' ' '\n' <<<"$components" | grep -v '=UP$' | sed '/^$/d' | tr '\n' ' ' || true)
missing=""
for c in db broker core sip media tts; do
  grep -q "\b$c=" <<<"$components" || missing="$missing $c"
done
if [ "$code" = 200 ] && [ -z "$notup" ] && [ -z "$missing" ]; then
  result health.all-up ok "HTTP 200: $components"
else
  result health.all-up FAIL "HTTP $code; not UP: ${notup:-none}; missing:${missing:- none} (have: $components; see health.json)"
fi

# --- Web console over HTTPS, with the certificate made at first boot.
anon=$(console_page)
authed=000
wait_for "the web console as admin" console_as_admin
if [ "$anon" = 401 ] && [ "$authed" = 200 ] && grep -qi 'bundle' "$work/console.html"; then
  result https.web-console ok "401 without login, 200 as admin (seeded password)"
else
  result https.web-console FAIL "without login $anon, as admin $authed"
fi
subject=$(echo | timeout 15 openssl s_client -connect "127.0.0.1:$https_port" 2>/dev/null |
  openssl x509 -noout -subject 2>/dev/null || true)
if grep -q "CN *= *$guest" <<<"$subject"; then
  result https.certificate ok "$subject (self-signed at first boot)"
else
  result https.certificate FAIL "subject '$subject', expected CN=$guest"
fi

# --- SIP OPTIONS over UDP and TLS.
sip=$(timeout 20 sipsak -v -s "sip:ping@127.0.0.1:$sip_udp" 2>&1 || true)
if grep -q '^SIP/2.0 200' <<<"$sip"; then
  result sip.options-udp ok "$(grep -m1 '^SIP/2.0' <<<"$sip"), $(grep -m1 -i '^Allow:' <<<"$sip" | tr -d '\r')"
else
  result sip.options-udp FAIL "$(head -n 3 <<<"$sip" | tr '\n' ' ')"
fi
options="OPTIONS sip:ping@$guest SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-boot-$(rand 4)\r\n"
options+="From: <sip:boot-test@127.0.0.1>;tag=bt1\r\nTo: <sip:ping@$guest>\r\nCall-ID: boot-$(rand 6)\r\n"
options+="CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
tls=$( (printf '%b' "$options"; sleep 6) | timeout 20 openssl s_client -quiet -connect "127.0.0.1:$sip_tls" 2>&1 || true)
if grep -q '^SIP/2.0 200' <<<"$tls"; then
  result sip.options-tls ok "SIP/2.0 200 over TLS on 5061"
else
  result sip.options-tls FAIL "$(head -n 3 <<<"$tls" | tr '\n' ' ')"
fi

# --- First boot (its journal): host keys, certificate, passwords from the fw_cfg seed.
firstboot=$(printf '%s\n' "$os_pw" | guest_ssh 'sudo -S -p "" journalctl -b -o cat -u switchboard-firstboot' 2>&1 || true)
printf '%s\n' "$firstboot" >"$work/firstboot.log"
if grep -q 'switchboard-firstboot: done' <<<"$firstboot" && grep -q 'fw_cfg seed' <<<"$firstboot" &&
  ! grep -q 'waiting for the administrator' <<<"$firstboot"; then
  result firstboot ok "$(grep -c 'switchboard-firstboot:' <<<"$firstboot") journal lines, passwords from the fw_cfg seed"
else
  result firstboot FAIL "$(tail -n 3 <<<"$firstboot" | tr '\n' ' ') (see firstboot.log)"
fi

# --- Inside: SSH key from the seed, sudo with the seeded OS password, the ops health command.
if inside=$(printf '%s\n' "$os_pw" | guest_ssh 'sudo -S -p "" switchboard-health' 2>&1); then
  result ssh.switchboard-health ok "$(head -n 1 <<<"$inside")"
else
  result ssh.switchboard-health FAIL "$(head -n 3 <<<"$inside" | tr '\n' ' ')"
fi
# An online backup (database through the Karaf shell with the ops key) and a support bundle
# that holds neither the TLS key nor its password.
# Under TCG the backup's short-lived shell client runs interpreted: its JIT-compiled code crashed
# in emulation (SIGSEGV in java.nio.Buffer.position, C1 code, JRE 17.0.19, qemu 7.2 qemu64), as
# keytool's did (see the cpu model above). bin/client passes JAVA_OPTS to its JVM.
client_opts=""
[ "$accel" = tcg ] && client_opts="export JAVA_OPTS=-Xint; "
# shellcheck disable=SC2016 # expanded in the guest
backup=$(guest_sudo "${client_opts}"'out=$(switchboard-backup | tail -n 1) && tar -xzOf "$out" switchboard-backup/MANIFEST && tar -tzf "$out" | wc -l' 2>&1 || true)
printf '%s\n' "$backup" >"$work/backup-online.txt"
if grep -q '^mode=online' <<<"$backup" && grep -q '^database=h2' <<<"$backup"; then
  result ops.backup-online ok "$(tail -n 1 <<<"$backup") entries; $(grep '^mode=\|^switchboard_version=' <<<"$backup" | tr '\n' ' ')"
else
  result ops.backup-online FAIL "$(tail -n 3 <<<"$backup" | tr '\n' ' ') (see backup-online.txt)"
fi
# The patterns do not match themselves: the bundle holds this command line (process list, journal).
# shellcheck disable=SC2016 # expanded in the guest
bundle=$(guest_sudo 'out=$(switchboard-support-bundle --dir /tmp 2>/dev/null | tail -n 1) && tar -tzf "$out" | wc -l && pw=$(sed -n "s/^SWITCHBOARD_TLS_PASSWORD=//p" /var/lib/switchboard/etc/switchboard.env) && d=$(mktemp -d) && tar -C "$d" -xzf "$out" && { { grep -rnF -e "$pw" "$d"; grep -rnE -e "-----BEGIN [A-Z ]*PRIVATE KEY-----" "$d"; } | sed "s|$d/||; s|$pw|<the TLS password>|g" | cut -c1-200 || true; }; rm -rf "$d"' 2>&1 || true)
entries=$(sed -n 1p <<<"$bundle")
leaks=$(sed 1d <<<"$bundle")
printf '%s\n' "$leaks" >"$work/support-bundle-leaks.txt"
if [ "$entries" -gt 0 ] 2>/dev/null && [ -z "$leaks" ]; then
  result ops.support-bundle ok "$entries entries, neither the TLS password nor a private key inside"
else
  result ops.support-bundle FAIL "$entries entries; $(grep -c . <<<"$leaks") lines with the TLS password or a private key: $(head -c 600 <<<"$leaks" | tr '\n' ' ') (see support-bundle-leaks.txt)"
fi
locked=$(printf '%s\n' "$os_pw" | guest_ssh 'sudo -S -p "" passwd -S root' 2>&1 || true)
if grep -q '^root L' <<<"$locked"; then
  result os.root-locked ok "$locked"
else
  result os.root-locked FAIL "$locked"
fi

# --- A port the firewall does not open is dropped.
counter() {
  printf '%s\n' "$os_pw" | guest_ssh 'sudo -S -p "" nft list chain inet filter input' 2>/dev/null |
    sed -n 's/.*counter packets \([0-9]*\) bytes.*comment "dropped".*/\1/p'
}
guest_ssh 'nohup systemd-socket-activate -l 9999 -a --inetd /bin/echo boot-test-listener >/dev/null 2>&1 & sleep 1' || true
local_answer=$(guest_ssh "timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/9999; head -n 1 <&3'" 2>&1 || true)
before=$(counter)
t_probe=$(date +%s)
outside=$(timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$closed_port && timeout 8 head -c 100 <&3; echo \"[eof after \$SECONDS s]\"" 2>&1 || echo "[no answer within 10 s]")
probe_s=$(($(date +%s) - t_probe))
after=$(counter)
if [ "$local_answer" = boot-test-listener ] && ! grep -q boot-test-listener <<<"$outside" &&
  [ -n "$before" ] && [ -n "$after" ] && [ "$after" -gt "$before" ]; then
  result firewall.closed-port ok "listener on 9999 answers inside; from outside nothing in ${probe_s} s ($outside); drop counter $before -> $after"
else
  result firewall.closed-port FAIL "inside '$local_answer'; outside '$outside'; drop counter $before -> $after"
fi
kssh=$(timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$karaf_ssh && timeout 6 head -c 7 <&3" 2>/dev/null || true)
if [ -z "$kssh" ]; then
  result firewall.karaf-shell ok "Karaf's SSH (8101) does not answer from outside"
else
  result firewall.karaf-shell FAIL "Karaf's SSH answered from outside: $kssh"
fi

# --- Shut down.
t_down=$(date +%s)
printf '%s\n' "$os_pw" | guest_ssh 'sudo -S -p "" systemctl poweroff' >/dev/null 2>&1 || true
for _ in $(seq 1 120); do
  alive || break
  sleep 1
done
if alive; then
  result shutdown FAIL "still running 120 s after poweroff"
else
  result shutdown ok "powered off in $(($(date +%s) - t_down)) s"
fi
{
  echo "times: login prompt, SSH, health UP measured from qemu start (see above); total $(elapsed) s"
  echo "failures: $failures"
} | tee -a "$report"
cp "$console" "$work/console-last.log" 2>/dev/null || true
[ "$failures" = 0 ]
