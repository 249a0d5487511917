#!/usr/bin/env bash
# Builds the Switchboard appliance VM image from a Switchboard distribution (.tar.gz):
#   <out>/switchboard-<version>.qcow2   KVM, Proxmox, OpenStack (compressed qcow2)
#   <out>/switchboard-<version>.ova     VMware, VirtualBox (OVF 1.0 + SHA256 manifest + VMDK)
#   <out>/image-report.txt              sizes and times
# Debian 12 by debootstrap (cached as a tar file keyed by packages.list), the recipe in rootfs/ and
# switchboard-etc/, ext4 made from the directory tree without mounting (mkfs.ext4 -d), BIOS GRUB
# written without grub-install (grub-mkimage + boot.img). No loop devices, no mounts, no Docker.
# Needs root (file ownership in the image) and: debootstrap, qemu-img, grub-mkimage (grub-pc-bin),
# sfdisk, mkfs.ext4, tar, sha256sum.
#
# Usage: build-image.sh --dist DIST.tar.gz --out DIR [--work DIR] [--cache DIR]
#          [--mirror URL] [--disk-size 20G] [--keep-raw]
#        build-image.sh --base-only [--cache DIR] [--mirror URL]   (only fills the base tree cache)
set -euo pipefail
recipe=$(cd "$(dirname "$0")" && pwd)

dist=""
out=""
work=""
cache="${SWITCHBOARD_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard-appliance}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
disk_size=20G
keep_raw=false
base_only=false
suite=bookworm
cpus=2
memory_mb=4096

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit "${1:-0}"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --disk-size) disk_size=$2; shift 2 ;;
    --keep-raw) keep_raw=true; shift ;;
    --base-only) base_only=true; out=${out:-$cache}; shift ;;
    -h | --help) usage 0 ;;
    *) echo "build-image: unknown argument $1" >&2; usage 2 ;;
  esac
done

log() {
  echo "build-image: [$(date -u +%H:%M:%S)] $*"
}
die() {
  echo "build-image: ERROR: $*" >&2
  exit 1
}

if { [ -z "$dist" ] && ! $base_only; } || [ -z "$out" ]; then usage 2; fi
$base_only || [ -r "$dist" ] || die "no distribution at $dist (build karaf-assembly first: mvn -pl karaf-assembly package)"
[ "$(id -u)" = 0 ] || die "run as root (the image's files must belong to root and the service user)"
for tool in debootstrap qemu-img grub-mkimage sfdisk mkfs.ext4 tar sha256sum; do
  command -v "$tool" >/dev/null || die "missing $tool (apt-get install debootstrap qemu-utils grub-pc-bin fdisk e2fsprogs)"
done
[ -f /usr/lib/grub/i386-pc/boot.img ] || die "missing /usr/lib/grub/i386-pc/boot.img (apt-get install grub-pc-bin)"

t_start=$(date +%s)
mkdir -p "$out" "$cache"
out=$(cd "$out" && pwd)
work=${work:-$out/work}
rm -rf "$work"
mkdir -p "$work"
rootfs=$work/rootfs
# Sections (seconds) for the report.
declare -A took

# --- 1. Debian base tree (cached).
t=$(date +%s)
packages=$(grep -v '^[[:space:]]*#' "$recipe/packages.list" | sed '/^[[:space:]]*$/d' | paste -sd, -)
key=$(printf '%s\n%s\n%s\n' "$suite" "$mirror" "$packages" | sha256sum | cut -c1-16)
base_tar=$cache/debian-$suite-$key.tar
if [ -f "$base_tar" ]; then
  log "base tree from the cache $base_tar"
else
  log "debootstrap $suite ($packages) from $mirror - takes a few minutes, cached afterwards"
  mkdir -p "$work/debootstrap"
  debootstrap --variant=minbase --include="$packages" "$suite" "$work/debootstrap" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log: $work/debootstrap.log)"; }
  rm -f "$work"/debootstrap/var/cache/apt/archives/*.deb
  tar --numeric-owner --xattrs -C "$work/debootstrap" -cf "$base_tar.part" .
  mv "$base_tar.part" "$base_tar"
  rm -rf "$work/debootstrap"
fi
took[base]=$(($(date +%s) - t))
if $base_only; then
  rm -rf "$work"
  log "base tree ready in $base_tar (${took[base]} s)"
  exit 0
fi
mkdir -p "$rootfs"
tar --numeric-owner --xattrs -C "$rootfs" -xf "$base_tar"
took[base]=$(($(date +%s) - t))

# --- 2. Switchboard and the recipe.
t=$(date +%s)
log "installing the distribution $(basename "$dist")"
unpack=$(mktemp -d "$work/dist.XXXXXX")
tar -C "$unpack" -xzf "$dist"
top=$(find "$unpack" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -x "$top/bin/karaf" ] || die "$dist has no bin/karaf at its top"
[ -f "$top/bin/switchboard-ops-lib.sh" ] || die "$dist has no ops scripts (bin/switchboard-*)"
# ops_version (the version of a distribution) is the ops scripts' own.
# shellcheck source=/dev/null
. "$top/bin/switchboard-ops-lib.sh"
version=$(ops_version "$top")
[ "$version" != unknown ] || die "cannot tell the Switchboard version of $dist"
log "Switchboard $version"
install -d -m 0755 "$rootfs/opt/switchboard"
mv "$top" "$rootfs/opt/switchboard/$version"
rm -rf "$unpack"
ln -s "$version" "$rootfs/opt/switchboard/current"
chown -R 0:0 "$rootfs/opt/switchboard"
chmod -R go-w "$rootfs/opt/switchboard"

# Users: the service user and the OS administrator (password locked until first boot).
chroot "$rootfs" /usr/sbin/groupadd --system switchboard
chroot "$rootfs" /usr/sbin/useradd --system --gid switchboard --home-dir /var/lib/switchboard \
  --no-create-home --shell /usr/sbin/nologin --comment "Switchboard contact center" switchboard
chroot "$rootfs" /usr/sbin/useradd --create-home --shell /bin/bash --groups sudo,adm,systemd-journal \
  --comment "Appliance administrator" admin
chroot "$rootfs" /usr/sbin/usermod --lock admin
chroot "$rootfs" /usr/sbin/usermod --lock root

# The recipe's files.
cp -a "$recipe/rootfs/." "$rootfs/"
chown -R 0:0 "$rootfs/etc/systemd/system" "$rootfs/usr/lib/switchboard"
chmod 0755 "$rootfs"/usr/lib/switchboard/{firstboot,setup-console,address,growroot}
chmod 0644 "$rootfs/usr/lib/switchboard/seed.sh"
chmod 0755 "$rootfs/etc/nftables.conf"
# The ops scripts are the distribution's (bin/switchboard-*): through `current`, an upgrade brings
# its own.
for f in switchboard-backup switchboard-restore switchboard-upgrade switchboard-health switchboard-support-bundle; do
  [ -x "$rootfs/opt/switchboard/$version/bin/$f" ] || die "the distribution has no bin/$f"
  ln -sf "/opt/switchboard/current/bin/$f" "$rootfs/usr/local/sbin/$f"
done
echo "SWITCHBOARD_OPS_LOG=/var/log/switchboard/ops.log" >>"$rootfs/etc/default/switchboard"

# Karaf's base: configuration (the distribution's etc/ with the appliance's files over it), data,
# deploy/, the child system repository (empty: the distribution carries every artifact it boots).
base=$rootfs/var/lib/switchboard
install -d -m 0750 "$base"
cp -a "$rootfs/opt/switchboard/$version/etc" "$base/etc"
cp -a "$recipe/switchboard-etc/." "$base/etc/"
install -d "$base/data" "$base/deploy" "$base/system" "$base/instances" "$base/backups"
[ -d "$rootfs/opt/switchboard/$version/deploy" ] && cp -a "$rootfs/opt/switchboard/$version/deploy/." "$base/deploy/"
# Karaf must never reach out to Maven Central from the appliance.
sed -i 's|^org.ops4j.pax.url.mvn.repositories=.*|org.ops4j.pax.url.mvn.repositories=|; /^[[:space:]]*https:\/\/.*@id=/d' \
  "$base/etc/org.ops4j.pax.url.mvn.cfg"
chroot "$rootfs" chown -R switchboard:switchboard /var/lib/switchboard
chown -R 0:0 "$base/backups"
chmod 0700 "$base/backups"
ln -s /var/lib/switchboard/etc "$rootfs/etc/switchboard"
install -d -m 0750 "$rootfs/var/log/switchboard"
chroot "$rootfs" chown switchboard:adm /var/log/switchboard
install -d -m 0700 "$rootfs/var/backups/switchboard"

# Services.
chroot "$rootfs" systemctl enable switchboard.service switchboard-firstboot.service \
  switchboard-address.service switchboard-growroot.service switchboard-setup@tty1.service \
  switchboard-setup@ttyS0.service nftables.service systemd-timesyncd.service ssh.service \
  >/dev/null 2>&1 || die "systemctl enable failed in the image"
chroot "$rootfs" systemctl enable serial-getty@ttyS0.service >/dev/null 2>&1 || true

# The OS: name, network, apt sources, hygiene.
echo switchboard >"$rootfs/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tswitchboard\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$rootfs/etc/hosts"
cat >"$rootfs/etc/apt/sources.list" <<EOF
deb http://deb.debian.org/debian $suite main
deb http://deb.debian.org/debian $suite-updates main
deb http://security.debian.org/debian-security $suite-security main
EOF
root_uuid=$(cat /proc/sys/kernel/random/uuid)
printf 'UUID=%s\t/\text4\terrors=remount-ro\t0\t1\n' "$root_uuid" >"$rootfs/etc/fstab"
sed "s/@ROOT_UUID@/$root_uuid/g" "$recipe/grub.cfg.in" >"$rootfs/boot/grub.cfg.tmp"
install -d "$rootfs/boot/grub"
mv "$rootfs/boot/grub.cfg.tmp" "$rootfs/boot/grub/grub.cfg"
image_date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat >"$rootfs/etc/switchboard-release" <<EOF
SWITCHBOARD_VERSION=$version
IMAGE_DATE=$image_date
DEBIAN_SUITE=$suite
EOF
rm -f "$rootfs"/etc/ssh/ssh_host_*
: >"$rootfs/etc/machine-id"
rm -f "$rootfs/var/lib/dbus/machine-id"
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
find "$rootfs/var/log" -type f -delete
rm -rf "$rootfs"/tmp/* "$rootfs"/var/tmp/* "$rootfs/root/.bash_history"
took[customize]=$(($(date +%s) - t))

# --- 3. Disk: MBR, one partition from 1 MiB, ext4 filled from the tree, GRUB.
t=$(date +%s)
raw=$work/disk.raw
rm -f "$raw"
truncate -s "$disk_size" "$raw"
echo 'label: dos
start=2048, type=83, bootable' | sfdisk --quiet "$raw"
bytes=$(stat -c %s "$raw")
fs_kib=$(((bytes - 1048576) / 1024))
log "ext4 ($((fs_kib / 1024)) MiB) from the tree"
mkfs.ext4 -q -F -d "$rootfs" -U "$root_uuid" -L switchboard-root -E offset=1048576 "$raw" "${fs_kib}k"
grub-mkimage -O i386-pc -o "$work/core.img" -p '(hd0,msdos1)/boot/grub' \
  biosdisk part_msdos ext2 search search_fs_uuid normal linux serial terminal configfile echo test
core_sectors=$((($(stat -c %s "$work/core.img") + 511) / 512))
[ "$core_sectors" -lt 2047 ] || die "core.img ($core_sectors sectors) does not fit before the partition"
cp /usr/lib/grub/i386-pc/boot.img "$work/boot.img"
# boot.img checks the BIOS boot drive number: patch the check (two NOPs at 0x66) so it boots from
# whatever drive the hypervisor gives (see ../shared/notes/appliance-image.md).
printf '\x90\x90' | dd of="$work/boot.img" bs=1 seek=$((0x66)) conv=notrunc status=none
dd if="$work/boot.img" of="$raw" bs=440 count=1 conv=notrunc status=none
dd if="$work/core.img" of="$raw" bs=512 seek=1 conv=notrunc status=none
took[disk]=$(($(date +%s) - t))

# --- 4. qcow2 and OVA.
t=$(date +%s)
name=switchboard-$version
log "qcow2"
qemu-img convert -c -O qcow2 "$raw" "$out/$name.qcow2.part"
mv "$out/$name.qcow2.part" "$out/$name.qcow2"
took[qcow2]=$(($(date +%s) - t))
t=$(date +%s)
log "OVA (streamOptimized VMDK, OVF 1.0, SHA256 manifest)"
ova=$work/ova
mkdir -p "$ova"
vmdk=$name-disk1.vmdk
qemu-img convert -O vmdk -o subformat=streamOptimized,adapter_type=lsilogic "$raw" "$ova/$vmdk"
sed -e "s|@VMDK_FILE@|$vmdk|g" -e "s|@VMDK_SIZE@|$(stat -c %s "$ova/$vmdk")|g" \
  -e "s|@CAPACITY@|$bytes|g" -e "s|@VERSION@|$version|g" -e "s|@IMAGE_DATE@|$image_date|g" \
  -e "s|@CPUS@|$cpus|g" -e "s|@MEMORY_MB@|$memory_mb|g" \
  "$recipe/ovf/switchboard.ovf.in" >"$ova/$name.ovf"
if grep -q '@[A-Z_]*@' "$ova/$name.ovf"; then
  die "placeholders left in the OVF: $(grep -o '@[A-Z_]*@' "$ova/$name.ovf" | sort -u | tr '\n' ' ')"
fi
if command -v xmllint >/dev/null; then
  xmllint --noout "$ova/$name.ovf" || die "the OVF descriptor is not well-formed"
fi
(cd "$ova" && for f in "$name.ovf" "$vmdk"; do
  printf 'SHA256(%s)= %s\n' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"
done) >"$ova/$name.mf"
# An OVA is a tar (ustar) with the descriptor first, then the manifest, then the disk.
tar --format=ustar --owner=0 --group=0 --numeric-owner -C "$ova" -cf "$out/$name.ova.part" \
  "$name.ovf" "$name.mf" "$vmdk"
mv "$out/$name.ova.part" "$out/$name.ova"
cp "$ova/$name.ovf" "$out/$name.ovf"
took[ova]=$(($(date +%s) - t))

if $keep_raw; then
  mv "$raw" "$out/$name.raw"
fi
rootfs_size=$(du -sm "$rootfs" | cut -f1)
rm -rf "$work"
total=$(($(date +%s) - t_start))

mib() {
  echo "$(($(stat -c %s "$1") / 1048576)) MiB"
}
{
  echo "Switchboard appliance image $version, built $image_date on $(hostname)"
  echo "distribution:      $(basename "$dist") ($(mib "$dist"))"
  echo "root file system:  $rootfs_size MiB of files, virtual disk $disk_size"
  echo "qcow2:             $name.qcow2 $(mib "$out/$name.qcow2")"
  echo "ova:               $name.ova $(mib "$out/$name.ova") (VMDK streamOptimized inside)"
  echo "build time:        ${total} s (base tree ${took[base]} s, customizing ${took[customize]} s, disk ${took[disk]} s, qcow2 ${took[qcow2]} s, ova ${took[ova]} s)"
} | tee "$out/image-report.txt"
