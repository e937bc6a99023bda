#!/usr/bin/env bash
# Thread-sanitizer session: builds rnnscope with `--sanitize=thread` (into .build-tsan, so the
# normal build is untouched), drives the live TUI through a scripted session in tmux (switch views,
# pause, step, change the learning rate, resume, quit) and fails if TSan reports anything.
#
#   scripts/tsan-session.sh [BINARY]     BINARY: an existing TSan build to use instead of building
#
# Ends with `ok tsan-session` or `FAIL tsan-session: <why>`; the TSan report is in the printed log.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tui-harness.sh
trap harness_cleanup EXIT
harness_require_tmux || exit 1

binary=${1:-}
if [ -z "$binary" ]; then
  swift build --scratch-path .build-tsan --sanitize=thread --product rnnscope || exit 1
  binary=.build-tsan/debug/rnnscope
fi
binary=$(realpath "$binary")
log="$HARNESS_WORK/tsan.log"
fail() { echo "FAIL tsan-session: $*"; [ -s "$log" ] && sed -n '1,80p' "$log"; exit 1; }

# TSan writes its reports to $log.<pid>; halt_on_error=0 keeps the session going to see them all.
pane_start tsan 160 48 "env TERM=xterm-256color TSAN_OPTIONS='log_path=$log halt_on_error=0 second_deadlock_stack=1' '$binary' --no-record --task recall --steps-per-epoch 20"
pane_wait_text tsan "rnnscope" 60 || fail "no screen within 60 s"
# The hand-over under load: every view, pause/step/resume, learning-rate and clipping changes, speed limits.
keys=(2 3 4 5 1 Space n n n Space "]" "]" "[" c c + + - - 5 Space n Space 3 2 1)
for round in 1 2 3; do
  for key in "${keys[@]}"; do tt send-keys -t tsan "$key"; sleep 0.3; done
done
sleep 2
tt send-keys -t tsan q
status=$(pane_wait_exit tsan 60) || fail "did not quit within 60 s"
cat "$log".* > "$log" 2>/dev/null
[ "$status" = 0 ] || fail "exit status $status"
why=$(pane_restored tsan) || fail "terminal not restored: $why"
reports=$(grep -c "WARNING: ThreadSanitizer" "$log" 2>/dev/null || true)
[ "${reports:-0}" -eq 0 ] || fail "$reports ThreadSanitizer reports"
echo "ok tsan-session (${#keys[@]} keys x 3 rounds, no ThreadSanitizer reports)"
