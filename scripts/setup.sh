#!/usr/bin/env bash
# Installs what emotiond needs on a fresh Debian/Ubuntu machine, then the npm packages
# (which also builds the WASM feature kernels). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: ALSA for PortAudio capture, Mesa's EGL/GLES for WebGPU on a software
# adapter, espeak-ng and sox to make and convert demo/test audio, mosquitto for tests,
# systemd (systemd-analyze checks the unit, systemd-notify) and openssl (TLS test certificates),
# chromium (the status page is tested in a real headless browser) and python3-jinja2 (Home
# Assistant's value templates are rendered with Jinja2 in the tests, as Home Assistant does).
PKGS=(libasound2 libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri espeak-ng sox mosquitto systemd openssl chromium python3-jinja2)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# mosquitto's Debian package starts a system broker on port 1883; tests run their own.
npm ci --no-audit --no-fund
