# Shared by the long manual checks (arm64-emulated-check.sh, container-check.sh): a log
# line on screen and in $LOG, and steps timed and stopped at their first failing command.
# Source it after setting LOG.

say() { echo "$*" | tee -a "$LOG"; }

# Runs a step with its output in the log and one line with its wall time. The step runs in a
# subshell with `set -e`, so that any failing command in it fails the step.
step() {
  local name=$1; shift
  local t0=$SECONDS status=0
  say "== $name"
  set +e
  ( set -e; "$@" ) >> "$LOG" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    say "STEP $name: ok in $((SECONDS - t0)) s"
  else
    say "STEP $name: FAILED after $((SECONDS - t0)) s (exit $status; its output is in $LOG)"
    tail -n 40 "$LOG"
    exit 1
  fi
}
