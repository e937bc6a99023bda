#!/usr/bin/env bash
# Endurance: runs the live TUI, training at full speed and recording, for SECONDS (default 3600),
# switching views as a person would, and samples its memory (VmRSS) over time. Fails when the
# resident size grows by more than RNNSCOPE_RSS_LIMIT_MB (default 50) after the warm-up, or when
# the program dies, stops drawing, or does not quit cleanly on `q` at the end.
#
#   scripts/endurance.sh [SECONDS] [BINARY]     BINARY defaults to .build/release/rnnscope (or debug)
#
# Prints one line per sample (`t=120s rss=41.2MB step=3456`) and ends with `ok endurance` or
# `FAIL endurance: <why>`; the exit status is non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tui-harness.sh
trap harness_cleanup EXIT

duration=${1:-3600}
binary=${2:-}
if [ -z "$binary" ]; then
  binary=.build/release/rnnscope
  [ -x "$binary" ] || binary=.build/debug/rnnscope
fi
binary=$(realpath "$binary")
limit_mb=${RNNSCOPE_RSS_LIMIT_MB:-50}
# Warm-up: half the run, 10 to 60 s: memory climbs for the first minute (buffers, history, malloc arenas).
warmup=$((duration / 2)); [ $warmup -lt 10 ] && warmup=10; [ $warmup -gt 60 ] && warmup=60
interval=$((duration / 60)); [ $interval -lt 5 ] && interval=5
harness_require_tmux || exit 1

fail() { echo "FAIL endurance: $*"; exit 1; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
# Where training is, as the status line says it (`epoch 3 step 12/29`).
progress() { pane_text endurance | grep -o 'epoch [0-9]* step [0-9]*/[0-9]*' | tail -1; }

pane_start endurance 160 48 "env TERM=xterm-256color '$binary' --out '$HARNESS_WORK/run'"
pane_wait_text endurance "rnnscope" 20 || fail "no screen after 20 s"
pid=$(pane_program_pid endurance) || fail "cannot find the program's pid"
start_kb=$(rss_kb "$pid")
echo "endurance: $binary, pid $pid, ${duration}s, warm-up ${warmup}s, samples every ${interval}s"
echo "t=0s rss=$(mb "$start_kb")MB"
baseline_kb="" last_kb=$start_kb peak_kb=$start_kb view=1
began=$SECONDS
while [ $((SECONDS - began)) -lt "$duration" ]; do
  sleep "$interval"
  kb=$(rss_kb "$pid")
  [ -n "$kb" ] || fail "the program died after $((SECONDS - began))s (exit status $(cat "$HARNESS_WORK/endurance.status" 2>/dev/null))"
  # Visit every view in turn, so each renderer runs for a while.
  view=$((view % 5 + 1)); tt send-keys -t endurance "$view"
  elapsed=$((SECONDS - began))
  [ -z "$baseline_kb" ] && [ "$elapsed" -ge "$warmup" ] && baseline_kb=$kb
  [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  last_kb=$kb
  echo "t=${elapsed}s rss=$(mb "$kb")MB $(progress)"
done
[ -n "$baseline_kb" ] || baseline_kb=$start_kb
before=$(progress)
sleep 2
[ "$(progress)" != "$before" ] || fail "the screen stopped changing (training or drawing hung): $before"
tt send-keys -t endurance q
status=$(pane_wait_exit endurance 30) || fail "did not quit within 30 s of q"
[ "$status" = 0 ] || fail "exit status $status after q"
why=$(pane_restored endurance) || fail "terminal not restored: $why"
growth_kb=$((last_kb - baseline_kb))
echo "rss: start $(mb "$start_kb")MB, after warm-up $(mb "$baseline_kb")MB, end $(mb "$last_kb")MB, peak $(mb "$peak_kb")MB, growth $(mb "$growth_kb")MB (limit ${limit_mb}MB)"
[ "$growth_kb" -lt $((limit_mb * 1024)) ] || fail "resident memory grew by $(mb "$growth_kb")MB after the warm-up"
echo "ok endurance"
