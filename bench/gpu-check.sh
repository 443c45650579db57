#!/usr/bin/env bash
# The WebGPU path on a machine with a GPU, in one go, into one report: the adapter, the
# WebGPU tests on it, the parity part of bench/webgpu.ts (eGeMAPS WebGPU vs WASM value by
# value), its speed parts (features and inference, WebGPU vs WASM), and what
# `features.backend: auto` decides there. Every part runs even if one before it failed;
# the report ends with a line per part and the script exits 1 if any failed.
#
# Usage (from the checkout, after `npm ci`):
#   bash bench/gpu-check.sh [audio-folder=../shared/datasets/emodb/wav] [files=100]
# Environment:
#   EMOTIOND_WEBGPU__BACKEND  the Dawn backend (default: vulkan on Linux, metal on macOS,
#                             d3d12 on Windows); see daemon/features/webgpu/README.md
#   REPORT                    the report file (default: gpu-check-<host>-<UTC time>.md)
#   ALLOW_SOFTWARE=1          go on when the adapter is a software one (to try the script
#                             without a GPU); the report then says so in its first lines
#   PART_TIMEOUT              seconds allowed to each part (default 1800)
set -u
cd "$(dirname "$0")/.."

folder=${1:-../shared/datasets/emodb/wav}
files=${2:-100}
case "$(uname -s)" in
  Darwin) default_backend=metal ;;
  MINGW*|MSYS*|CYGWIN*) default_backend=d3d12 ;;
  *) default_backend=vulkan ;;
esac
export EMOTIOND_WEBGPU__BACKEND=${EMOTIOND_WEBGPU__BACKEND:-$default_backend}
report=${REPORT:-gpu-check-$(hostname)-$(date -u +%Y%m%dT%H%M%SZ).md}
part_timeout=${PART_TIMEOUT:-1800}
summary=()
failed=0

say() { printf '%s\n' "$@" | tee -a "$report"; }

# Runs one part with a time limit; its output goes into the report inside a code block.
part() {
  local name=$1; shift
  say "" "## $name" "" "\`$*\`" "" '```'
  local start=$SECONDS
  timeout "$part_timeout" "$@" 2>&1 | grep -v -e '^Warning: max' -e 'BackendVk.cpp' -e '^$' | tee -a "$report"
  local status=${PIPESTATUS[0]}
  say '```' "" "exit $status after $((SECONDS - start)) s"
  summary+=("$name: $([ "$status" = 0 ] && echo ok || echo "FAILED (exit $status)")")
  [ "$status" = 0 ] || failed=1
}

: > "$report"
say "# emotiond GPU check, $(date -u +'%Y-%m-%d %H:%M UTC')" ""
say "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
say "- machine: $(uname -srm); $(node -p 'const os=require("os"); `${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(os.totalmem()/2**30)} GiB, load average ${os.loadavg()[0].toFixed(2)}`'); node $(node --version)"
say "- EMOTIOND_WEBGPU__BACKEND=$EMOTIOND_WEBGPU__BACKEND"

adapter=$(npx tsx bench/gpu-adapter.ts 2>/dev/null | tail -n 1)
say "- adapter: ${adapter:-none}"
if ! printf '%s' "$adapter" | grep -q '"description":"'; then
  say "" "No WebGPU adapter for backend $EMOTIOND_WEBGPU__BACKEND: nothing to check. Try another EMOTIOND_WEBGPU__BACKEND."
  exit 1
fi
if printf '%s' "$adapter" | grep -q '"software":true'; then
  if [ "${ALLOW_SOFTWARE:-0}" != 1 ]; then
    say "" "The adapter is a software one: these figures would not be a GPU's. Set ALLOW_SOFTWARE=1 to run anyway."
    exit 1
  fi
  say "" "**Software adapter (ALLOW_SOFTWARE=1): no figure below is a GPU's.**"
fi

# The tests' full output goes beside the report; the report keeps each file's verdict,
# every failure and skip, and the closing count.
tests_log="${report%.md}-tests.log"
part "WebGPU tests (node test/run.mjs webgpu; full output in $tests_log)" sh -c \
  'node test/run.mjs webgpu > "$0" 2>&1; status=$?; grep -a -E "^== |FAIL|✘|skipped \"|Failing|^  test/|passed, .* failed" "$0"; exit $status' "$tests_log"
if [ -d "$folder" ]; then
  part "Parity: eGeMAPS WebGPU vs WASM, $files files" npx tsx bench/webgpu.ts "$folder" "$files" parity
  part "Speed: features and inference, WebGPU vs WASM, $files files" npx tsx bench/webgpu.ts "$folder" "$files" v1,egemaps,inference
  first=$(find "$folder" -type f \( -iname '*.wav' -o -iname '*.flac' \) | sort | head -n 1)
  # A private calibration cache: the decision is measured now, not read from an earlier run.
  part "features.backend auto: what it takes here and why" sh -c \
    'XDG_CACHE_HOME="$(mktemp -d)" node bin/emotiond.js features --set v1 --backend auto --csv "$0" > /dev/null' "$first"
else
  say "" "No audio folder at $folder: the parity and speed parts were not run."
  summary+=("parity and speed: NOT RUN (no $folder)")
  failed=1
fi

say "" "## Summary" ""
for line in "${summary[@]}"; do say "- $line"; done
say "" "Report: $report"
exit "$failed"
