# shellcheck shell=sh
# Switchboard appliance: first-boot settings from a seed, without cloud-init. Sourced by
# firstboot and setup-console (and by the module's tests). POSIX sh.
#
# A seed gives some of these settings (canonical keys):
#   admin_password          the Switchboard `admin` user's password (web console, REST, shell)
#   admin_password_sha512   ... or its SHA-512, hex (what etc/users.properties stores)
#   os_password             the password of the OS user `admin` (console, SSH, sudo)
#   os_password_hash        ... or its crypt(3) hash ($6$..., $y$...)
#   ssh_authorized_key      one public key for `admin`'s SSH logins
#   hostname                the machine's host name
# Sources, first found wins per key:
#   1. qemu/KVM fw_cfg blob opt/org.switchboard/seed (key=value lines), e.g.
#      qemu ... -fw_cfg name=opt/org.switchboard/seed,file=seed.conf
#      (Proxmox: `args: -fw_cfg ...`; libvirt: <sysinfo type='fwcfg'>)
#   2. a drive whose file system is labelled SBSEED, CIDATA or cidata (ext4, vfat or ISO 9660)
#      holding switchboard-seed.conf (key=value lines) and/or a NoCloud `user-data`
#      (#cloud-config: password, hostname, ssh_authorized_keys, switchboard_admin_password)
#   3. an OVF environment (VMware vApp properties): ovf-env.xml on a CD-ROM (transport "iso"), or
#      `vmtoolsd --cmd "info-get guestinfo.ovfEnv"` when open-vm-tools is installed.
#      Property keys: switchboard.admin_password, switchboard.os_password,
#      switchboard.ssh_authorized_key, switchboard.hostname

SEED_KEYS="admin_password admin_password_sha512 os_password os_password_hash ssh_authorized_key hostname"
SEED_FW_CFG="${SEED_FW_CFG:-/sys/firmware/qemu_fw_cfg/by_name/opt/org.switchboard/seed/raw}"

seed_log() {
  echo "switchboard-seed: $*" >&2
}

# seed_is_key KEY: true when KEY is one of SEED_KEYS.
seed_is_key() {
  for k in $SEED_KEYS; do
    [ "$k" = "$1" ] && return 0
  done
  return 1
}

# seed_parse_conf FILE: prints the known key=value lines of a seed file (comments, blank lines and
# unknown keys dropped; surrounding quotes removed). Never evaluates the file.
seed_parse_conf() {
  while IFS= read -r line || [ -n "$line" ]; do
    line=$(printf '%s' "$line" | tr -d '\r')
    case "$line" in '' | '#'*) continue ;; esac
    case "$line" in *=*) ;; *) continue ;; esac
    key=$(printf '%s' "${line%%=*}" | tr -d ' \t')
    value=${line#*=}
    value=$(printf '%s' "$value" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
      -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'\$/\1/")
    if seed_is_key "$key"; then
      printf '%s=%s\n' "$key" "$value"
    else
      seed_log "ignoring unknown key '$key'"
    fi
  done <"$1"
}

# seed_xml_unescape: stdin to stdout, the five XML entities.
seed_xml_unescape() {
  sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
}

# seed_parse_ovf_env FILE: prints canonical key=value lines from an OVF environment document
# (<Property oe:key="switchboard.x" oe:value="..."/>).
seed_parse_ovf_env() {
  tr '\n' ' ' <"$1" | sed 's/<[A-Za-z]*:*Property[[:space:]]/\n&/g' |
    sed -n 's/.*[[:space:]][A-Za-z]*:*key="\([^"]*\)"[[:space:]]*[A-Za-z]*:*value="\([^"]*\)".*/\1=\2/p' |
    while IFS= read -r kv; do
      key=${kv%%=*}
      value=$(printf '%s' "${kv#*=}" | seed_xml_unescape)
      [ -n "$value" ] || continue
      case "$key" in
        switchboard.admin_password) printf 'admin_password=%s\n' "$value" ;;
        switchboard.os_password) printf 'os_password=%s\n' "$value" ;;
        switchboard.ssh_authorized_key) printf 'ssh_authorized_key=%s\n' "$value" ;;
        switchboard.hostname) printf 'hostname=%s\n' "$value" ;;
      esac
    done
}

# seed_parse_user_data FILE: prints canonical key=value lines from a NoCloud #cloud-config
# user-data: top-level `password`, `hostname`, `switchboard_admin_password`, and the first entry of
# `ssh_authorized_keys`. Only this flat subset of YAML is understood.
seed_parse_user_data() {
  awk '
    function unq(s) {
      sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s)
      if (s ~ /^".*"$/ || s ~ /^\047.*\047$/) s = substr(s, 2, length(s) - 2)
      return s
    }
    /^[A-Za-z_]+:/ {
      inkeys = 0
      key = $0; sub(/:.*/, "", key)
      val = $0; sub(/^[^:]*:/, "", val); val = unq(val)
      if (key == "password" && val != "") {
        if (val ~ /^\$[0-9a-z]+\$/) print "os_password_hash=" val; else print "os_password=" val
      } else if (key == "hostname" && val != "") print "hostname=" val
      else if (key == "switchboard_admin_password" && val != "") print "admin_password=" val
      else if (key == "ssh_authorized_keys") inkeys = 1
      next
    }
    inkeys && /^[ \t]*-[ \t]*/ {
      if (!done) { v = $0; sub(/^[ \t]*-[ \t]*/, "", v); print "ssh_authorized_key=" unq(v); done = 1 }
      next
    }
  ' "$1"
}

# seed_merge OUT: reads key=value lines on stdin, appends those whose key OUT lacks.
seed_merge() {
  while IFS= read -r kv; do
    key=${kv%%=*}
    seed_is_key "$key" || continue
    grep -q "^${key}=" "$1" 2>/dev/null || printf '%s\n' "$kv" >>"$1"
  done
}

# seed_get FILE KEY: the value of KEY in a merged seed file (empty if absent).
seed_get() {
  sed -n "s/^$2=//p" "$1" | head -n 1
}

# seed_collect OUT: gathers every source into OUT (created 0600). Mounts seed drives read-only
# under /run and unmounts them again.
seed_collect() {
  out=$1
  : >"$out"
  chmod 0600 "$out"
  modprobe qemu_fw_cfg 2>/dev/null || true
  if [ -r "$SEED_FW_CFG" ]; then
    seed_log "reading the fw_cfg seed opt/org.switchboard/seed"
    tmp=$(mktemp)
    cat "$SEED_FW_CFG" >"$tmp"
    seed_parse_conf "$tmp" | seed_merge "$out"
    rm -f "$tmp"
  fi
  for label in SBSEED CIDATA cidata; do
    dev=$(blkid -L "$label" 2>/dev/null || true)
    [ -n "$dev" ] || continue
    dir=$(mktemp -d /run/switchboard-seed-mnt.XXXXXX)
    if mount -o ro "$dev" "$dir" 2>/dev/null; then
      seed_log "reading the seed drive $dev (label $label)"
      [ -f "$dir/switchboard-seed.conf" ] && seed_parse_conf "$dir/switchboard-seed.conf" | seed_merge "$out"
      [ -f "$dir/user-data" ] && seed_parse_user_data "$dir/user-data" | seed_merge "$out"
      [ -f "$dir/ovf-env.xml" ] && seed_parse_ovf_env "$dir/ovf-env.xml" | seed_merge "$out"
      umount "$dir" || true
    fi
    rmdir "$dir" 2>/dev/null || true
  done
  # OVF environment on a CD-ROM (VMware "ISO image" transport).
  for dev in /dev/sr0 /dev/sr1; do
    [ -b "$dev" ] || continue
    dir=$(mktemp -d /run/switchboard-seed-mnt.XXXXXX)
    if mount -o ro "$dev" "$dir" 2>/dev/null; then
      if [ -f "$dir/ovf-env.xml" ]; then
        seed_log "reading the OVF environment on $dev"
        seed_parse_ovf_env "$dir/ovf-env.xml" | seed_merge "$out"
      fi
      umount "$dir" || true
    fi
    rmdir "$dir" 2>/dev/null || true
  done
  # OVF environment through VMware Tools (guestinfo), when installed.
  if command -v vmtoolsd >/dev/null 2>&1; then
    tmp=$(mktemp)
    if vmtoolsd --cmd "info-get guestinfo.ovfEnv" >"$tmp" 2>/dev/null && [ -s "$tmp" ]; then
      seed_log "reading the OVF environment from guestinfo"
      seed_parse_ovf_env "$tmp" | seed_merge "$out"
    fi
    rm -f "$tmp"
  fi
}

# seed_admin_hash PASSWORD: the users.properties form of a Switchboard password (Karaf JAAS,
# etc/org.apache.karaf.jaas.cfg: SHA-512, hexadecimal, {CRYPT} markers).
seed_admin_hash() {
  printf '%s' "$1" | sha512sum | cut -d' ' -f1 | tr 'a-f' 'A-F'
}

# seed_set_switchboard_admin USERS_PROPERTIES SHA512HEX: makes `admin` (group admingroup) with
# that hash, replacing an existing `admin` line.
seed_set_switchboard_admin() {
  file=$1
  hash=$(printf '%s' "$2" | tr 'a-f' 'A-F')
  case "$hash" in
    *[!0-9A-F]* | '') seed_log "admin_password_sha512 is not a hex SHA-512"; return 1 ;;
  esac
  [ ${#hash} -eq 128 ] || { seed_log "admin_password_sha512 is not 128 hex digits"; return 1; }
  tmp="$file.seed.$$"
  grep -v '^admin[[:space:]]*=' "$file" >"$tmp" || true
  printf 'admin = {CRYPT}%s{CRYPT},_g_:admingroup\n' "$hash" >>"$tmp"
  cat "$tmp" >"$file"
  rm -f "$tmp"
}

# seed_password_ok PASSWORD: at least 12 characters (a passphrase is fine).
seed_password_ok() {
  [ ${#1} -ge 12 ]
}
