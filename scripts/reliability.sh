#!/usr/bin/env bash
# Process-level reliability checks of a built rnnscope: signals, terminals, kills, resizes, pipes.
#
#   scripts/reliability.sh [BINARY] [--long]     BINARY defaults to .build/debug/rnnscope
#
# Quick mode (default, part of `make test`) takes about four minutes; --long repeats the SIGKILL loop
# 200 times (resuming each killed run), sends every signal during an epoch write, and runs a
# 10-minute endurance check (about 12 minutes in all).
# Builds nothing. Prints `ok <check>` or `FAIL <check>: <why>` per check and ends with
# `N passed, M failed`; the exit status is non-zero when any check failed. Every wait is bounded.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tui-harness.sh
trap 'harness_cleanup; [ -n "${endurance_pid:-}" ] && kill "$endurance_pid" 2>/dev/null' EXIT

binary=.build/debug/rnnscope long=false
for argument in "$@"; do
  case $argument in
    --long) long=true ;;
    *) binary=$argument ;;
  esac
done
[ -x "$binary" ] || { echo "FAIL setup: no executable at $binary (build it first)"; echo "0 passed, 1 failed"; exit 1; }
binary=$(realpath "$binary")
harness_require_tmux || { echo "0 passed, 1 failed"; exit 1; }
kill_rounds=20 endurance_seconds=80
$long && kill_rounds=200 endurance_seconds=600

passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# A small recall run whose epochs end every few steps, so recordings fill quickly.
quick_run="--task recall --hidden 8 --batch 8 --steps-per-epoch 4"

# check_recording NAME DIR: the run directory reads back cleanly and holds every finished epoch:
# one checkpoint per epochs.jsonl line, no notes from `inspect`, no leftover temporary files.
check_recording() {
  local name=$1 dir=$2 report checkpoints summaries
  report=$(timeout 30 "$binary" inspect "$dir" 2>&1) || { bad "$name" "inspect failed: $report"; return 1; }
  checkpoints=$(ls "$dir" | grep -c '^epoch-.*\.safetensors$')
  summaries=$(grep -c . "$dir/epochs.jsonl" 2>/dev/null || echo 0)
  if [ "$checkpoints" -lt 1 ]; then bad "$name" "no finished epoch recorded"; return 1; fi
  if [ "$checkpoints" != "$summaries" ]; then bad "$name" "$checkpoints checkpoints but $summaries epoch summaries"; return 1; fi
  if grep -q "note:" <<<"$report"; then bad "$name" "inspect notes: $(grep note: <<<"$report" | head -2 | tr '\n' ' ')"; return 1; fi
  if ls -a "$dir" | grep -q '\.tmp-'; then bad "$name" "temporary files left behind"; return 1; fi
  return 0
}

# wait_for_checkpoints DIR COUNT SECONDS: waits until DIR holds COUNT checkpoints.
wait_for_checkpoints() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(ls "$1" 2>/dev/null | grep -c '^epoch-.*\.safetensors$')" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# deliver SIGNAL PANE PID: Ctrl-C through the terminal for INT (as a person sends it), kill otherwise.
deliver() {
  if [ "$1" = INT ]; then tt send-keys -t "$2" C-c; else kill -s "$1" "$3"; fi
}

# expect_exit NAME PANE SIGNAL: the program ends with 128+signal and leaves the terminal restored.
expect_exit() {
  local name=$1 pane=$2 want=$((128 + $(kill -l "$3"))) status why
  status=$(pane_wait_exit "$pane" 30) || { bad "$name" "still running 30 s after SIG$3"; return 1; }
  [ "$status" = "$want" ] || { bad "$name" "exit status $status, want $want"; return 1; }
  why=$(pane_restored "$pane") || { bad "$name" "$why"; return 1; }
  return 0
}

# --- endurance runs in the background while the other checks run -----------------------------
scripts/endurance.sh "$endurance_seconds" "$binary" > "$HARNESS_WORK/endurance.log" 2>&1 &
endurance_pid=$!

# --- stdout or stdin not a terminal: a message and a non-zero exit, never a hang ----------------
for mode in pipe file; do
  if [ $mode = pipe ]; then
    timeout 10 "$binary" --no-record 2>"$HARNESS_WORK/err" | cat >/dev/null; status=${PIPESTATUS[0]}
  else
    timeout 10 "$binary" --no-record >"$HARNESS_WORK/out" 2>"$HARNESS_WORK/err"; status=$?
  fi
  if [ "$status" = 124 ]; then bad "not-a-tty-$mode" "hung (killed after 10 s)"
  elif [ "$status" = 0 ]; then bad "not-a-tty-$mode" "exit status 0"
  elif ! grep -q "needs a terminal" "$HARNESS_WORK/err"; then bad "not-a-tty-$mode" "no clear message: $(head -c 200 "$HARNESS_WORK/err")"
  else ok "not-a-tty-$mode"; fi
done

# --- terminal types -----------------------------------------------------------------------------
for term in unset dumb nosuchterm; do
  name="term-$term"
  env_part="env TERM=$term"; [ $term = unset ] && env_part="env -u TERM"
  pane_start "$name" 100 30 "$env_part '$binary' --no-record"
  if ! status=$(pane_wait_exit "$name" 15); then bad "$name" "did not exit within 15 s"
  elif [ "$status" = 0 ]; then bad "$name" "exit status 0 without a usable terminal"
  elif ! pane_text "$name" | grep -q "rnnscope: "; then bad "$name" "no message: $(pane_text "$name" | head -3)"
  elif ! why=$(pane_restored "$name"); then bad "$name" "$why"
  else ok "$name"; fi
  pane_stop "$name"
done
for term in xterm xterm-256color; do
  name="term-$term"
  pane_start "$name" 120 40 "env TERM=$term '$binary' --no-record $quick_run"
  if ! pane_wait_text "$name" "Hidden state" 20; then bad "$name" "no screen within 20 s"
  else
    tt send-keys -t "$name" q
    if ! status=$(pane_wait_exit "$name" 20); then bad "$name" "did not quit on q"
    elif [ "$status" != 0 ]; then bad "$name" "exit status $status after q"
    elif ! why=$(pane_restored "$name"); then bad "$name" "$why"
    else ok "$name"; fi
  fi
  pane_stop "$name"
done

# --- a 20x6 terminal ----------------------------------------------------------------------------
pane_start tiny 20 6 "env TERM=xterm-256color '$binary' --no-record $quick_run"
if ! pane_wait_text tiny "Terminal too small" 20; then bad small-terminal "no 'Terminal too small': $(pane_text tiny | head -3)"
else
  tt send-keys -t tiny q
  if ! status=$(pane_wait_exit tiny 20); then bad small-terminal "did not quit on q"
  elif [ "$status" != 0 ]; then bad small-terminal "exit status $status"
  else ok small-terminal; fi
fi
pane_stop tiny

# --- resize storm: hundreds of resizes in a few seconds, then it must redraw at the final size ---
resizes=300
pane_start storm 120 40 "env TERM=xterm-256color '$binary' --no-record $quick_run"
if ! pane_wait_text storm "Hidden state" 20; then bad resize-storm "no screen within 20 s"
else
  for ((i = 0; i < resizes; i++)); do
    tt resize-window -t storm -x $((20 + RANDOM % 200)) -y $((5 + RANDOM % 70))
  done
  tt resize-window -t storm -x 101 -y 33
  # capture-pane always prints the pane's 33 rows, so look for the screen drawn at 101x33: the tab
  # bar on the first row and the status line on the 33rd, each reaching (nearly) the 101st column
  # (a frame drawn for a smaller size ends short; one for a larger size is cut, losing their right ends).
  drawn=false deadline=$((SECONDS + 10))
  while [ $SECONDS -lt $deadline ]; do
    tab_bar=$(pane_text storm | sed -n 1p | sed 's/ *$//') status_line=$(pane_text storm | sed -n 33p | sed 's/ *$//')
    tab_width=$(LC_ALL=C.UTF-8 wc -L <<<"$tab_bar") status_width=$(LC_ALL=C.UTF-8 wc -L <<<"$status_line")
    if [[ $tab_bar == @(" rnnscope "|" 1 ")*"q quit" && $status_line == *"loss"*@(training|paused) ]] \
      && [ "$tab_width" -ge 96 ] && [ "$tab_width" -le 101 ] && [ "$status_width" -ge 96 ] && [ "$status_width" -le 101 ]; then
      drawn=true; break
    fi
    sleep 0.1
  done
  tt send-keys -t storm q
  if ! status=$(pane_wait_exit storm 20); then bad resize-storm "hung after $resizes resizes (no exit on q)"
  elif [ "$status" != 0 ]; then bad resize-storm "exit status $status"
  elif ! $drawn; then bad resize-storm "no tab bar and status line at 101x33 within 10 s: '$tab_bar' ($tab_width) / '$status_line' ($status_width)"
  else ok "resize-storm ($resizes resizes)"; fi
fi
pane_stop storm

# --- signals while training: the TUI and `rnnscope train` ---------------------------------------
for command in tui train; do
  for signal in INT TERM HUP; do
    name="signal-$command-$signal" dir="$HARNESS_WORK/$name"
    pane_start "$name" 120 40 "env TERM=xterm-256color '$binary' $command $quick_run --epochs 100000 --out '$dir'"
    if ! wait_for_checkpoints "$dir" 2 30; then bad "$name" "no two epochs recorded within 30 s"
    else
      deliver "$signal" "$name" "$(pane_program_pid "$name")"
      expect_exit "$name" "$name" "$signal" && check_recording "$name" "$dir" && ok "$name"
    fi
    pane_stop "$name"
  done
done

# --- signals during an epoch write: a large model makes each checkpoint a long write -------------
# Sent the moment the temporary checkpoint file appears; the write must finish and count.
write_cases="train:TERM tui:HUP"
$long && write_cases="train:INT train:TERM train:HUP tui:INT tui:TERM tui:HUP"
for case in $write_cases; do
  command=${case%:*} signal=${case#*:} name="signal-during-write-${case/:/-}" dir="$HARNESS_WORK/write-${case/:/-}"
  pane_start "$name" 120 40 "env TERM=xterm-256color '$binary' $command --task lm --length 2 --hidden 900 --batch 1 --steps-per-epoch 1 --epochs 100000 --out '$dir'"
  # The first epoch of a debug build on a busy machine can take a minute (a held-out pass of a 900-unit model).
  deadline=$((SECONDS + 180)) caught=false
  while [ $SECONDS -lt $deadline ]; do
    if ls -a "$dir" 2>/dev/null | grep -q '^\.epoch-.*\.tmp-'; then caught=true; break; fi
    sleep 0.01
  done
  if ! $caught; then bad "$name" "no checkpoint write seen within 180 s"
  else
    deliver "$signal" "$name" "$(pane_program_pid "$name")"
    expect_exit "$name" "$name" "$signal" && check_recording "$name" "$dir" && ok "$name"
  fi
  pane_stop "$name"
done

# --- signals in replay --------------------------------------------------------------------------
replay_dir="$HARNESS_WORK/signal-train-TERM"
for signal in INT TERM HUP; do
  name="signal-replay-$signal"
  pane_start "$name" 120 40 "env TERM=xterm-256color '$binary' replay '$replay_dir'"
  if ! pane_wait_text "$name" "Hidden state" 20; then bad "$name" "no replay screen within 20 s"
  else
    deliver "$signal" "$name" "$(pane_program_pid "$name")"
    expect_exit "$name" "$name" "$signal" && ok "$name"
  fi
  pane_stop "$name"
done

# --- numerics: divergence, huge settings, one-symbol text, a 1024-unit model ----------------------
diverging="--task adding --optimizer sgd --lr 1000"
timeout 60 "$binary" train $diverging --epochs 3 --no-record >/dev/null 2>"$HARNESS_WORK/err"; status=$?
if [ $status != 3 ]; then bad numerics-train-diverged "exit status $status, want 3"
elif ! grep -q "diverged" "$HARNESS_WORK/err"; then bad numerics-train-diverged "no message: $(head -c 200 "$HARNESS_WORK/err")"
else ok numerics-train-diverged; fi

pane_start diverge 120 40 "env TERM=xterm-256color '$binary' $diverging --no-record"
if ! pane_wait_text diverge "diverged" 30; then bad numerics-tui-diverged "no 'diverged' on screen within 30 s"
else
  # Paused: the status line's step stays put.
  before=$(pane_text diverge | tail -1); sleep 1; after=$(pane_text diverge | tail -1)
  tt send-keys -t diverge q
  if [ "$(grep -o 'step [0-9/]*' <<<"$before")" != "$(grep -o 'step [0-9/]*' <<<"$after")" ]; then bad numerics-tui-diverged "kept training: $before / $after"
  elif ! status=$(pane_wait_exit diverge 20) || [ "$status" != 0 ]; then bad numerics-tui-diverged "did not quit cleanly on q"
  else ok numerics-tui-diverged; fi
fi
pane_stop diverge

timeout 20 "$binary" train --task recall --gap 100000000 --no-record >/dev/null 2>"$HARNESS_WORK/err"; status=$?
if [ $status = 0 ] || [ $status = 124 ] || [ $status -gt 128 ]; then bad numerics-huge-gap "exit status $status"
elif ! grep -q "at most" "$HARNESS_WORK/err"; then bad numerics-huge-gap "no message: $(head -c 200 "$HARNESS_WORK/err")"
else ok numerics-huge-gap; fi

printf 'a%.0s' $(seq 600) > "$HARNESS_WORK/one-symbol.txt"
for task in lm case; do
  if report=$(timeout 60 "$binary" train --task $task --text "$HARNESS_WORK/one-symbol.txt" --probe aaaa --max-len 20 --length 20 \
    --hidden 8 --epochs 2 --steps-per-epoch 5 --no-record 2>&1); then ok "numerics-one-symbol-$task"
  else bad "numerics-one-symbol-$task" "$(tail -2 <<<"$report" | tr '\n' ' ')"; fi
done

pane_start wide 120 40 "env TERM=xterm-256color '$binary' --task lm --hidden 1024 --no-record"
if ! pane_wait_text wide "1×1024" 30; then bad numerics-tui-1024-units "no screen within 30 s"
else
  sleep 2; tt send-keys -t wide q
  if ! status=$(pane_wait_exit wide 30) || [ "$status" != 0 ]; then bad numerics-tui-1024-units "did not quit within 30 s of q"
  else ok numerics-tui-1024-units; fi
fi
pane_stop wide

# --- fatal signals in the TUI: the terminal comes back, the backtrace lands on the normal screen ---
# SEGV with Swift's backtracer off (the default action kills), ABRT with it on but not waiting for a key.
for case in SEGV:enable=no ABRT:interactive=no; do
  signal=${case%%:*} name="fatal-signal-tui-${case%%:*}"
  pane_start "$name" 120 40 "env SWIFT_BACKTRACE=${case#*:} TERM=xterm-256color '$binary' --no-record $quick_run"
  if ! pane_wait_text "$name" "Hidden state" 20; then bad "$name" "no screen within 20 s"
  else
    kill -s "$signal" "$(pane_program_pid "$name")"
    if ! status=$(pane_wait_exit "$name" 60); then bad "$name" "still running 60 s after SIG$signal"
    elif [ "$status" != $((128 + $(kill -l "$signal"))) ]; then bad "$name" "exit status $status"
    elif ! why=$(pane_restored "$name"); then bad "$name" "$why"
    else ok "$name"; fi
  fi
  pane_stop "$name"
done

# refused NAME PATTERN COMMAND...: COMMAND exits within 20 s with a status in 1-127 and PATTERN on stderr.
refused() {
  local name=$1 pattern=$2 status
  shift 2
  timeout 20 "$@" >/dev/null 2>"$HARNESS_WORK/err"; status=$?
  if [ $status = 0 ] || [ $status -gt 127 ]; then bad "$name" "exit status $status: $(head -c 300 "$HARNESS_WORK/err")"
  elif ! grep -q -- "$pattern" "$HARNESS_WORK/err"; then bad "$name" "no '$pattern': $(head -c 300 "$HARNESS_WORK/err")"
  else ok "$name"; fi
}

# --- counts that used to overflow, memory that cannot fit, settings that are not numbers ----------
refused bounds-steps-per-epoch "steps-per-epoch must be between" "$binary" train --epochs 2 --steps-per-epoch 4611686018427387904 --no-record
refused bounds-snapshot-epochs "epochs must be between" "$binary" snapshot --epochs 9223372036854775807 --format txt
refused bounds-tui-epochs "epochs must be between" "$binary" --epochs 9223372036854775807 --no-record
refused memory-budget "GB of memory" "$binary" train --hidden 4096 --batch 4096 --no-record
refused memory-budget-long "GB of memory" "$binary" train --hidden 1024 --batch 4096 --min-len 1000 --max-len 1000 --no-record
refused nan-forget-bias "forget-bias must be a finite" "$binary" train --forget-bias nan --no-record
refused nan-scale "scale must be a finite" "$binary" train --initialization orthogonal --scale nan --no-record
# From the work folder: a program that took "" for the current directory records there.
refused empty-out "must name a directory" env -C "$HARNESS_WORK" "$binary" train --out "" $quick_run --epochs 1

# --- one writer per run directory: a second train, --resume or TUI is refused, naming the holder ---
dir="$HARNESS_WORK/locked"
"$binary" train $quick_run --epochs 100000 --out "$dir" >/dev/null 2>&1 &
holder=$!
if ! wait_for_checkpoints "$dir" 1 30; then bad run-directory-lock "no epoch recorded within 30 s"
else
  refused run-directory-lock-train "PID $holder" "$binary" train $quick_run --out "$dir"
  refused run-directory-lock-resume "PID $holder" "$binary" train --resume "$dir"
  pane_start lock-tui 120 40 "env TERM=xterm-256color '$binary' $quick_run --out '$dir'"
  if ! status=$(pane_wait_exit lock-tui 20); then bad run-directory-lock-tui "still running 20 s later"
  elif [ "$status" = 0 ] || ! pane_text lock-tui | grep -q "PID $holder"; then bad run-directory-lock-tui "status $status: $(pane_text lock-tui | head -3)"
  elif ! why=$(pane_restored lock-tui); then bad run-directory-lock-tui "$why"
  else ok run-directory-lock-tui; fi
  pane_stop lock-tui
fi
kill -TERM "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check_recording run-directory-lock "$dir" && ok "run-directory-lock (the holder's recording is whole)"

# --- a run killed while writing its first checkpoint resumes from run.json, without the temp file ---
dir="$HARNESS_WORK/first-epoch"
timeout 60 "$binary" train $quick_run --epochs 1 --out "$dir" >/dev/null 2>&1
rm -f "$dir"/epoch-*.safetensors
head -c 100000 /dev/zero > "$dir/.epoch-0001.safetensors.tmp-99999-1"
if ! report=$(timeout 60 "$binary" train --resume "$dir" 2>&1); then bad resume-before-first-epoch "$(tail -1 <<<"$report")"
elif [ -e "$dir/.epoch-0001.safetensors.tmp-99999-1" ]; then bad resume-before-first-epoch "the dead writer's temporary file is still there"
else check_recording resume-before-first-epoch "$dir" && ok resume-before-first-epoch; fi

# --- output paths that are not regular files: written into, never replaced -----------------------
nodes="$HARNESS_WORK/nodes"
mkdir -p "$nodes"
mkfifo "$nodes/fifo"
(timeout 30 cat "$nodes/fifo" > "$nodes/from-fifo") &
reader=$!
timeout 30 "$binary" snapshot --format txt --steps 0 --out "$nodes/fifo" 2>"$HARNESS_WORK/err"; status=$?
wait "$reader"
if [ $status != 0 ]; then bad output-fifo "exit status $status: $(head -c 200 "$HARNESS_WORK/err")"
elif [ ! -p "$nodes/fifo" ]; then bad output-fifo "the FIFO was replaced by a plain file"
elif ! grep -q "Hidden state" "$nodes/from-fifo"; then bad output-fifo "nothing came through the FIFO"
else ok output-fifo; fi
echo old > "$nodes/real.txt"; ln -s real.txt "$nodes/link.txt"
timeout 30 "$binary" snapshot --format txt --steps 0 --out "$nodes/link.txt" 2>"$HARNESS_WORK/err"
if [ ! -L "$nodes/link.txt" ]; then bad output-symlink "the link was replaced by a plain file"
elif ! grep -q "Hidden state" "$nodes/real.txt"; then bad output-symlink "the link's target was not written"
else ok output-symlink; fi
if [ "$(id -u)" = 0 ] && mknod "$nodes/null" c 1 3 2>/dev/null; then
  timeout 30 "$binary" snapshot --format txt --steps 0 --out "$nodes/null" 2>"$HARNESS_WORK/err"; status=$?
  if [ $status != 0 ]; then bad output-device "exit status $status: $(head -c 200 "$HARNESS_WORK/err")"
  elif [ ! -c "$nodes/null" ]; then bad output-device "the device node (a private /dev/null) was replaced by a plain file"
  else ok output-device; fi
fi
(timeout 60 cat "$nodes/fifo" > "$nodes/lab-from-fifo") &
reader=$!
timeout 60 "$binary" lab --headless --experiment clip --steps 4 --record-every 2 --csv "$nodes/fifo" >/dev/null 2>"$HARNESS_WORK/err"; status=$?
wait "$reader"
if [ $status != 0 ]; then bad output-lab-fifo "exit status $status: $(head -c 200 "$HARNESS_WORK/err")"
elif [ ! -p "$nodes/fifo" ]; then bad output-lab-fifo "the FIFO was replaced by a plain file"
elif ls "$nodes" | grep -q -- "-loss"; then bad output-lab-fifo "a sibling loss file was created: $(ls "$nodes" | tr '\n' ' ')"
elif ! grep -q "^experiment," "$nodes/lab-from-fifo"; then bad output-lab-fifo "no CSV came through the FIFO"
else ok output-lab-fifo; fi

# --- control characters from files never reach the terminal ----------------------------------------
# A safetensors file whose tensor name and metadata switch to the alternate screen and set the title.
crafted="$HARNESS_WORK/crafted.safetensors"
header='{"__metadata__":{"note":"\u001b]0;pwned\u0007"},"rnn.weight_ih_l0\u001b[?1049h":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'
length=${#header}
{ printf "$(printf '\\x%02x' $((length & 255)) $(((length >> 8) & 255)) 0 0 0 0 0 0)"; printf '%s' "$header"; printf '\0\0\0\0'; } > "$crafted"
printf 'some text to score\n' > "$HARNESS_WORK/score.txt"
timeout 20 "$binary" inspect "$crafted" > "$HARNESS_WORK/escapes" 2>&1
timeout 20 "$binary" eval --weights "$crafted" --text "$HARNESS_WORK/score.txt" >> "$HARNESS_WORK/escapes" 2>&1
# A run.json whose task line holds an escape.
dir="$HARNESS_WORK/escaping-run"
cp -r "$HARNESS_WORK/signal-train-TERM" "$dir"
sed -i 's/"task" *: *"[^"]*"/"task" : "\\u001b[?1049hhidden"/' "$dir/run.json"
timeout 20 "$binary" inspect "$dir" >> "$HARNESS_WORK/escapes" 2>&1
if grep -q $'\x1b' "$HARNESS_WORK/escapes"; then bad escapes-from-files "a raw ESC reached the output: $(grep -c $'\x1b' "$HARNESS_WORK/escapes") lines"
elif ! grep -qF 'weight_ih_l0\x1b[?1049h' "$HARNESS_WORK/escapes" || ! grep -qF '\x1b[?1049hhidden' "$HARNESS_WORK/escapes"; then
  bad escapes-from-files "the names are not shown escaped: $(head -c 300 "$HARNESS_WORK/escapes")"
else ok escapes-from-files; fi

# --- --resume reads the recorded text, and only that text ------------------------------------------
text_dir="$HARNESS_WORK/text-run"
mkdir -p "$text_dir/elsewhere"
for i in $(seq 60); do echo "The quick brown fox jumps over the lazy dog, line $i."; done > "$text_dir/corpus.txt"
(cd "$text_dir" && timeout 60 "$binary" train --task lm --text corpus.txt --length 20 --hidden 8 --epochs 1 --steps-per-epoch 2 --out run >/dev/null 2>&1)
echo "a different corpus of a different size" > "$text_dir/elsewhere/corpus.txt"
(cd "$text_dir/elsewhere" && timeout 60 "$binary" train --resume ../run --epochs 2 >/dev/null 2>"$HARNESS_WORK/err"); status=$?
if [ $status != 0 ]; then bad resume-relative-text "exit status $status from another directory: $(head -c 200 "$HARNESS_WORK/err")"
elif ! grep -qF "\"$text_dir/corpus.txt\"" "$text_dir/run/run.json"; then bad resume-relative-text "run.json does not hold the text's absolute path"
else ok resume-relative-text; fi
for i in $(seq 50); do echo "Changed: the slow red fox naps beside the eager dog, line $i."; done > "$text_dir/corpus.txt"
refused resume-changed-text "allow-changed-text" "$binary" train --resume "$text_dir/run" --epochs 3
if ! timeout 60 "$binary" train --resume "$text_dir/run" --epochs 3 --allow-changed-text >/dev/null 2>"$HARNESS_WORK/err"; then
  bad resume-allow-changed-text "$(head -c 200 "$HARNESS_WORK/err")"
elif ! "$binary" inspect "$text_dir/run" | grep -q "finished epochs: 1, 2, 3$"; then bad resume-allow-changed-text "$("$binary" inspect "$text_dir/run" | grep finished)"
else ok resume-allow-changed-text; fi

# --- recording stops (a file-size limit stands in for a full disk): a banner, then a line on exit ---
dir="$HARNESS_WORK/full-disk"
pane_start full-disk 120 40 "trap '' XFSZ; ulimit -f 100; env TERM=xterm-256color '$binary' --task recall --hidden 256 --batch 8 --steps-per-epoch 4 --out '$dir'"
if ! pane_wait_text full-disk "✖ recording stopped:" 60; then bad recording-stopped-banner "no banner within 60 s: $(pane_text full-disk | tail -2 | head -1)"
else
  tt send-keys -t full-disk q
  if ! status=$(pane_wait_exit full-disk 20) || [ "$status" != 0 ]; then bad recording-stopped-banner "did not quit cleanly on q"
  elif ! pane_text full-disk | grep -q "^rnnscope: recording stopped: "; then bad recording-stopped-banner "no line after the TUI closed"
  elif ls -a "$dir" | grep -q '\.tmp-'; then bad recording-stopped-banner "a temporary file was left behind"
  else ok recording-stopped-banner; fi
fi
pane_stop full-disk
touch "$HARNESS_WORK/a-file"
refused file-error-sentence "cannot create the run directory (Not a directory)" "$binary" train --out "$HARNESS_WORK/a-file/run" $quick_run

# --- SIGKILL at a random moment of a recording run: the directory must still read back -----------
kill_failures=0 kill_empty=0
# kill_round_failure DIR REPORT: why a killed run that had begun recording does not read back
# whole (nothing when it does): no checkpoint was ignored as torn (each is written whole or not
# at all), every checkpoint file is a listed finished epoch, and the last one loads into a model.
kill_round_failure() {
  local dir=$1 report=$2 listed files last
  if grep -q "is ignored" <<<"$report"; then echo "a checkpoint was ignored: $(grep 'is ignored' <<<"$report" | head -1)"; return; fi
  listed=$(grep -o 'finished epochs: [0-9][0-9, ]*' <<<"$report" | grep -o '[0-9][0-9]*' | wc -l)
  files=$(ls "$dir" | grep -c '^epoch-.*\.safetensors$')
  if [ "$listed" != "$files" ]; then echo "$files checkpoint files but $listed finished epochs listed"; return; fi
  last=$(grep -o 'finished epochs: [0-9][0-9, ]*' <<<"$report" | grep -o '[0-9]*$')
  if [ -n "$last" ] && ! timeout 30 "$binary" snapshot --run "$dir" --epoch "$last" --view hidden --format txt \
    --size 80x24 --out "$HARNESS_WORK/kill-snapshot.txt" >/dev/null 2>"$HARNESS_WORK/kill-snapshot.err"; then
    echo "epoch $last does not load: $(tail -1 "$HARNESS_WORK/kill-snapshot.err")"
  fi
}
for ((round = 1; round <= kill_rounds; round++)); do
  dir="$HARNESS_WORK/kill-$round"
  "$binary" train $quick_run --epochs 100000 --out "$dir" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", 0.2 + r / 32767 * 1.3 }')"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ ! -e "$dir/run.json" ] && ! ls "$dir" 2>/dev/null | grep -q '^epoch-'; then
    # Killed before the recording began: inspect must say so plainly, not crash.
    kill_empty=$((kill_empty + 1))
    report=$(timeout 20 "$binary" inspect "$dir" 2>&1); status=$?
    if [ $status -ne 1 ] || ! grep -q "rnnscope: " <<<"$report"; then
      kill_failures=$((kill_failures + 1)); echo "  round $round (empty): status $status: $report"
    fi
  elif ! report=$(timeout 20 "$binary" inspect "$dir" 2>&1); then
    kill_failures=$((kill_failures + 1)); echo "  round $round: inspect failed: $report"
  elif why=$(kill_round_failure "$dir" "$report") && [ -n "$why" ]; then
    kill_failures=$((kill_failures + 1)); echo "  round $round: $why"
  elif $long && last=$(grep -o 'finished epochs: [0-9][0-9, ]*' <<<"$report" | grep -o '[0-9]*$'); then
    # --long: the killed run also resumes, for one more epoch.
    if ! timeout 60 "$binary" train --resume "$dir" --epochs $((last + 1)) >/dev/null 2>"$HARNESS_WORK/resume.err" \
      || ! "$binary" inspect "$dir" 2>/dev/null | grep -q "finished epochs: .*\b$((last + 1))$"; then
      kill_failures=$((kill_failures + 1)); echo "  round $round: resume failed: $(tail -1 "$HARNESS_WORK/resume.err")"
    fi
  fi
  rm -rf "$dir"
done
if [ $kill_failures != 0 ]; then bad sigkill-recording "$kill_failures of $kill_rounds killed runs did not read back"
elif [ $kill_empty = $kill_rounds ]; then bad sigkill-recording "all $kill_rounds kills came before the recording began"
else ok "sigkill-recording ($kill_rounds kills, $kill_empty before the recording began)"; fi

# --- encoder–decoder runs: Ctrl-C, SIGKILL, one writer and a full disk leave the recording whole ----
s2s_run="--task reverse --min-len 3 --max-len 8 --hidden 8 --embedding 4 --batch 8 --held-out 20 --steps 1000000"
for signal in INT TERM; do
  name="signal-seq2seq-train-$signal" dir="$HARNESS_WORK/$name"
  pane_start "$name" 120 40 "env TERM=xterm-256color '$binary' train $s2s_run --epoch-steps 20 --out '$dir'"
  if ! wait_for_checkpoints "$dir" 2 60; then bad "$name" "no two epochs recorded within 60 s"
  else
    deliver "$signal" "$name" "$(pane_program_pid "$name")"
    expect_exit "$name" "$name" "$signal" && check_recording "$name" "$dir" && ok "$name"
  fi
  pane_stop "$name"
done

dir="$HARNESS_WORK/seq2seq-locked"
"$binary" train $s2s_run --epoch-steps 20 --out "$dir" >/dev/null 2>&1 &
holder=$!
if ! wait_for_checkpoints "$dir" 1 60; then bad seq2seq-run-directory-lock "no epoch recorded within 60 s"
else
  refused seq2seq-run-directory-lock-train "PID $holder" "$binary" train $s2s_run --out "$dir"
  refused seq2seq-run-directory-lock-resume "PID $holder" "$binary" train --resume "$dir" --steps 2000000
fi
kill -TERM "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check_recording seq2seq-run-directory-lock "$dir" && ok "seq2seq-run-directory-lock (the holder's recording is whole)"

# A file-size limit stands in for a full disk: one line naming the file, and every finished epoch kept.
dir="$HARNESS_WORK/seq2seq-full-disk"
(trap '' XFSZ; ulimit -f 64; exec timeout 120 "$binary" train $s2s_run --epoch-steps 2 --out "$dir") \
  >/dev/null 2>"$HARNESS_WORK/full.err"; status=$?
if [ $status != 1 ] || [ "$(wc -l <"$HARNESS_WORK/full.err")" != 1 ] || ! grep -q "File too large" "$HARNESS_WORK/full.err"; then
  bad seq2seq-full-disk "status $status: $(head -c 300 "$HARNESS_WORK/full.err")"
elif report=$(timeout 30 "$binary" inspect "$dir" 2>&1) && ! grep -q "epoch [0-9]* is ignored" <<<"$report" \
  && grep -q "kept epochs: 1, " <<<"$report"; then ok "seq2seq-full-disk"
else bad seq2seq-full-disk "the recording does not read back: $(grep -m1 'is ignored\|rnnscope:' <<<"$report")"; fi

# SIGKILL at a random moment: no epoch file is ever torn, and the killed run resumes for one more epoch.
s2s_failures=0 s2s_empty=0 s2s_rounds=$((kill_rounds / 2))
for ((round = 1; round <= s2s_rounds; round++)); do
  dir="$HARNESS_WORK/seq2seq-kill-$round"
  "$binary" train $s2s_run --epoch-steps 2 --out "$dir" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", 0.3 + r / 32767 * 1.5 }')"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  report=$(timeout 30 "$binary" inspect "$dir" 2>&1)
  last=$(grep -o 'kept epochs: [0-9][0-9, ]*' <<<"$report" | grep -o '[0-9]*$')
  if [ -z "$last" ]; then
    s2s_empty=$((s2s_empty + 1))
  elif grep -q "epoch [0-9]* is ignored" <<<"$report"; then
    s2s_failures=$((s2s_failures + 1)); echo "  round $round: $(grep -m1 'is ignored' <<<"$report")"
  elif ! timeout 60 "$binary" train --resume "$dir" --steps $((2 * last + 2)) >/dev/null 2>"$HARNESS_WORK/resume.err" \
    || ! "$binary" inspect "$dir" 2>/dev/null | grep -q "kept epochs: .*\b$((last + 1))$"; then
    s2s_failures=$((s2s_failures + 1)); echo "  round $round: resume failed: $(tail -1 "$HARNESS_WORK/resume.err")"
  fi
  rm -rf "$dir"
done
if [ $s2s_failures != 0 ]; then bad seq2seq-sigkill-recording "$s2s_failures of $s2s_rounds killed runs did not read back"
elif [ $s2s_empty = $s2s_rounds ]; then bad seq2seq-sigkill-recording "all $s2s_rounds kills came before the first epoch"
else ok "seq2seq-sigkill-recording ($s2s_rounds kills, $s2s_empty before the first epoch)"; fi

# --- endurance ------------------------------------------------------------------------------------
if wait "$endurance_pid"; then ok "endurance (${endurance_seconds}s: $(grep '^rss:' "$HARNESS_WORK/endurance.log"))"
else bad endurance "$(grep -E '^FAIL|^rss:' "$HARNESS_WORK/endurance.log" | tr '\n' ' ')"; fi
endurance_pid=""

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
