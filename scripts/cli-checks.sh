#!/usr/bin/env bash
# Command-line checks of a built rnnscope: snapshots of recordings and model files, replay of one
# file, one-line errors for conflicting flags, examples in every --help, shell completion.
#
#   scripts/cli-checks.sh [BINARY]     BINARY defaults to .build/debug/rnnscope
#
# Builds nothing, needs no terminal, takes a few seconds. Prints `ok <check>` or `FAIL <check>: <why>`
# per check and ends with `N passed, M failed`; the exit status is non-zero when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/rnnscope}
[ -x "$binary" ] || { echo "FAIL setup: no executable at $binary (build it first)"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run=Samples/case-lstm-demo
imported=Tests/RNNEngineTests/Fixtures/import/gru_embed.safetensors

passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# refuses NAME MESSAGE ARGS...: rnnscope ARGS fails with MESSAGE on standard error, in one line.
refuses() {
  local name=$1 message=$2; shift 2
  if "$binary" "$@" >/dev/null 2>"$work/err"; then bad "$name" "accepted: $*"; return; fi
  if ! grep -qF -- "$message" "$work/err"; then bad "$name" "message: $(head -c 300 "$work/err")"; return; fi
  # Argument errors add the usage lines of swift-argument-parser; the message itself is one line.
  if [ "$(grep -vc '^Usage: \|^  See ' "$work/err")" -ne 1 ]; then bad "$name" "not one line: $(cat "$work/err")"; return; fi
  ok "$name"
}

# --- snapshot --run: an epoch of a recording, the same every time ------------------------------------
"$binary" snapshot --run $run --epoch 2 --view gates --format txt >"$work/e2a" 2>&1
"$binary" snapshot --run $run --epoch 2 --view gates --format txt >"$work/e2b" 2>&1
"$binary" snapshot --run $run --epoch 4 --view gates --format txt >"$work/e4" 2>&1
"$binary" snapshot --run $run --view gates --format txt >"$work/last" 2>&1
if ! cmp -s "$work/e2a" "$work/e2b"; then bad "snapshot-run-deterministic" "two runs differ"
elif cmp -s "$work/e2a" "$work/e4"; then bad "snapshot-run-deterministic" "epochs 2 and 4 look the same"
elif ! grep -q "Gates, layer 1" "$work/e2a"; then bad "snapshot-run-deterministic" "no gates view: $(head -3 "$work/e2a")"
else ok "snapshot-run-deterministic"; fi
cmp -s "$work/e4" "$work/last" && ok "snapshot-run-default-is-last-epoch" || bad "snapshot-run-default-is-last-epoch" "differs from --epoch 4"

"$binary" snapshot --run $run --epoch 3 --view replay --size 80x24 --format txt >"$work/replay" 2>&1
if grep -q "^ epoch 3 of 4 ❚❚" "$work/replay" && grep -q "◆ replay" "$work/replay" && grep -q "5 Training" "$work/replay" \
  && [ "$(wc -l <"$work/replay")" -eq 24 ]; then ok "snapshot-view-replay"
else bad "snapshot-view-replay" "$(tail -3 "$work/replay")"; fi

# --- snapshot of one file: a checkpoint (its own task) and an imported model --------------------------
"$binary" snapshot --run $run/epoch-0002.safetensors --view replay --size 80x24 --format txt >"$work/one" 2>&1
grep -q "epoch-0002.safetensors: one model, epoch 2 ❚❚" "$work/one" && ok "snapshot-one-checkpoint" \
  || bad "snapshot-one-checkpoint" "$(tail -3 "$work/one")"
"$binary" snapshot --weights $imported --task lm --size 80x24 --format txt >"$work/weights" 2>&1
if grep -q "Sample at step 0, temperature 1.0" "$work/weights" && grep -q "❚❚ paused" "$work/weights"; then ok "snapshot-weights-lm-sample"
else bad "snapshot-weights-lm-sample" "$(tail -12 "$work/weights")"; fi

# --- a user's text: the probe is the held-out tail's first sentence, not the lecture's -----------------
{ for _ in $(seq 60); do echo "the quick fox ran home, then it slept by the fire."; done
  echo "Far away, Mara Quill kept the lighthouse lamp burning through the storm."; } >"$work/story.txt"
"$binary" snapshot --task case --text "$work/story.txt" --view training --steps 1 --size 120x40 --format txt \
  >"$work/story" 2>&1
if [ "$(grep -cF 'input   far away, mara quill kept the lighthouse lamp burning through the storm.⏎' "$work/story")" -eq 2 ] \
  && grep -qF 'target  Far away, Mara Quill kept' "$work/story"; then ok "user-text-probe-from-held-out"
else bad "user-text-probe-from-held-out" "$(grep -i mara "$work/story" | head -3)"; fi

# --- one-line errors ------------------------------------------------------------------------------------
refuses "refuse-run-with-steps" "--run shows a recorded epoch" snapshot --run $run --steps 10
refuses "refuse-run-with-weights" "give --run or --weights, not both" snapshot --run $run --weights $imported
refuses "refuse-epoch-without-run" "--epoch 2 needs --run" snapshot --epoch 2
refuses "refuse-missing-epoch" "epoch 9 is not a finished epoch (finished: 1, 2, 3, 4)" snapshot --run $run --epoch 9
refuses "refuse-replay-view-without-run" "--view replay needs --run" snapshot --view replay
refuses "refuse-run-with-task" "leave out the training flags" snapshot --run $run --task lm
refuses "refuse-epoch-of-one-file" "holds one model (epoch 2); --epoch 3 is not in it" snapshot --run $run/epoch-0002.safetensors --epoch 3
printf 'not safetensors' >"$work/junk.safetensors"
refuses "replay-unreadable-file" "junk.safetensors: " replay "$work/junk.safetensors"
refuses "replay-missing-file" "nope.safetensors: no such file or directory" replay "$work/nope.safetensors"
refuses "replay-imported-wrong-task" "does not fit the recall task" replay $imported --task recall
refuses "refuse-bidirectional-lm" "--bidirectional cannot train --task lm: the reverse direction would read the next character" train --task lm --bidirectional --no-record

# --- help and completion ----------------------------------------------------------------------------------
missing=""
for command in tui train snapshot bench eval sample inspect replay lab translate; do
  help=$("$binary" $command --help 2>&1)
  grep -q "^  rnnscope $command" <<<"$help" || missing+=" $command"
done
[ -z "$missing" ] && ok "every-help-has-an-example" || bad "every-help-has-an-example" "none in:$missing"
if "$binary" --generate-completion-script bash >"$work/completion.bash" && bash -n "$work/completion.bash" \
  && grep -q "'unrolled'.*'replay'" "$work/completion.bash"; then ok "bash-completion"
else bad "bash-completion" "no valid script, or --view values missing"; fi

# --- issue 22: slides, lecture pace, small things a newcomer hit ------------------------------------------
"$binary" snapshot --run $run --view gates --no-chrome --size 80x24 --format txt >"$work/bare" 2>&1
if head -1 "$work/bare" | grep -q "^┌ Gates, layer 1" && ! grep -q "rnnscope  1 Unrolled\|❚❚ paused" "$work/bare"; then
  ok "snapshot-no-chrome"
else bad "snapshot-no-chrome" "$(head -2 "$work/bare")"; fi
"$binary" snapshot --run $run --view gates --theme light --format svg >"$work/light.svg" 2>&1
grep -q 'fill="#ffffff"\|fill="#FFFFFF"' "$work/light.svg" && ok "snapshot-theme-light" \
  || bad "snapshot-theme-light" "no white background: $(head -c 300 "$work/light.svg")"
"$binary" snapshot --view hidden --layers 2 --layer 2 --steps 1 --task recall --gap 3 --hidden 4 --size 80x24 --format txt \
  >"$work/layer" 2>&1
grep -q "h_t, layer 2" "$work/layer" && ok "snapshot-layer" || bad "snapshot-layer" "$(head -3 "$work/layer")"
refuses "refuse-layer-beyond-model" "--layer 3: the model has 2 layers" snapshot --layers 2 --layer 3 --task recall --gap 3
if ! "$binary" tui --speed 3 >/dev/null 2>"$work/speed" && grep -q "invalid for '--speed <speed>'" "$work/speed" \
  && grep -q "full" "$work/speed"; then ok "refuse-speed-not-a-setting"
else bad "refuse-speed-not-a-setting" "$(head -3 "$work/speed")"; fi
refuses "refuse-negative-lr" "--lr must be a positive number (got -1" train --lr -1 --epochs 1
refuses "refuse-small-size" "at least 60x16" snapshot --size 40x10
printf 'pickle' >"$work/model.pt"
refuses "pytorch-pickle-points-to-export" "Samples/export_pytorch.py" snapshot --weights "$work/model.pt"
if "$binary" train --cell RNN --task recall --gap 3 --hidden 4 --epochs 1 --steps-per-epoch 1 --no-record >"$work/rnn" 2>&1 \
  && grep -q "rnn_tanh" "$work/rnn"; then ok "cell-rnn-is-tanh-in-any-case"
else bad "cell-rnn-is-tanh-in-any-case" "$(head -3 "$work/rnn")"; fi
"$binary" trian >/dev/null 2>"$work/typo"
grep -q "did you mean 'train'" "$work/typo" && ok "typo-suggests-command" || bad "typo-suggests-command" "$(cat "$work/typo")"
help=$("$binary" train --help 2>&1)
grep -q "tok/s counts every position" <<<"$help" && ok "help-says-what-tok-s-counts" \
  || bad "help-says-what-tok-s-counts" "not in train --help"

refuses "resume-refuses-contradicting-flags" "drop --cell, --lr (only --epochs can change" \
  train --resume $run --cell gru --lr 0.1 --epochs 9
help=$("$binary" eval --help 2>&1)
if grep -q "values: lm, case" <<<"$help" && ! grep -q "recall" <<<"$help"; then ok "eval-task-lists-what-eval-scores"
else bad "eval-task-lists-what-eval-scores" "$(grep -A2 -- '--task' <<<"$help")"; fi
help=$("$binary" replay --help 2>&1)
if grep -q -- "--vocab" <<<"$help" && grep -q -- "--task" <<<"$help" && ! grep -q -- "--lr\|--hidden\|--batch" <<<"$help"
then ok "replay-help-lists-only-what-replay-uses"
else bad "replay-help-lists-only-what-replay-uses" "$(grep -o -- '--[a-z-]*' <<<"$help" | tr '\n' ' ')"; fi
printf '[" ", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]' >"$work/vocab12.json"
refuses "vocab-must-match-the-outputs" "the model has 256 outputs but --vocab lists 12 symbols" \
  snapshot --weights $imported --task lm --vocab "$work/vocab12.json" --format txt
refuses "replay-vocab-must-match-the-outputs" "the model has 256 outputs but --vocab lists 12 symbols" \
  replay $imported --task lm --vocab "$work/vocab12.json"
refuses "vocab-needs-a-language-model" "--vocab lists a language model's symbols: add --task lm" \
  snapshot --weights $imported --vocab "$work/vocab12.json" --format txt

# --- an encoder–decoder's views: snapshot routes them by --view, --task or the run's weights --------
"$binary" train --task reverse --hidden 8 --embedding 4 --steps 4 --batch 4 --held-out 20 --out "$work/s2s-views" \
  >/dev/null 2>&1
views_ok=1
for view in encoder-decoder hidden gates gradients; do
  "$binary" snapshot --view $view --run "$work/s2s-views" --text abcde --target edcba --side decoder --size 80x24 --format txt \
    >"$work/s2s-$view" 2>&1 || { bad "seq2seq-snapshot-views" "$view: $(tail -2 "$work/s2s-$view")"; views_ok=0; }
done
if [ $views_ok -eq 1 ] && grep -q "decoder h_i^d" "$work/s2s-encoder-decoder" \
  && grep -q "h_i^d, decoder layer 1" "$work/s2s-hidden" && grep -q "Gates, decoder layer 1" "$work/s2s-gates" \
  && grep -q "‖∂L/∂h_i^d‖" "$work/s2s-gradients"; then ok "seq2seq-snapshot-views"
elif [ $views_ok -eq 1 ]; then bad "seq2seq-snapshot-views" "$(head -3 "$work/s2s-hidden")"; fi
refuses "seq2seq-snapshot-needs-a-target" "feeds the decoder the target: give --target" \
  snapshot --view gradients --run "$work/s2s-views" --task pairs --text abc --format txt
"$binary" translate --run "$work/s2s-views" --attention-map --connectivity abcde >"$work/s2s-conn" 2>&1
"$binary" snapshot --view attention --run "$work/s2s-views" --task reverse --text abcde --connectivity --format txt \
  >"$work/s2s-conn-view" 2>&1
if grep -q "argmax agrees with α on [0-9]* of [0-9]* steps" "$work/s2s-conn" && grep -q "NOT α" "$work/s2s-conn-view"; then
  ok "seq2seq-connectivity"
else bad "seq2seq-connectivity" "$(tail -2 "$work/s2s-conn") / $(head -3 "$work/s2s-conn-view")"; fi
refuses "seq2seq-connectivity-is-for-attention" "--connectivity is for --view attention" \
  snapshot --view gates --run "$work/s2s-views" --task reverse --text abc --connectivity --format txt

# --- the encoder–decoder's TUI and Training view -------------------------------------------------------
help=$("$binary" tui --task reverse --help 2>&1)
if grep -q "Watch an encoder–decoder learn" <<<"$help" && grep -q -- "--attention" <<<"$help"; then ok "tui-seq2seq-help"
else bad "tui-seq2seq-help" "$(head -3 <<<"$help")"; fi
refuses "tui-seq2seq-pairs-needs-a-file" "--pairs FILE goes with --task pairs" tui --task pairs
"$binary" snapshot --task reverse --view training --steps 20 --epoch-steps 10 --held-out 20 --hidden 8 --embedding 4 \
  --batch 8 --format txt >"$work/s2s-training" 2>&1
if grep -q "input rnnscope   target epocsnnr" "$work/s2s-training" && grep -q "source length ≤[0-9]* 0%" "$work/s2s-training"; then
  ok "snapshot-seq2seq-training"
else bad "snapshot-seq2seq-training" "$(head -5 "$work/s2s-training")"; fi

# --- issue 24: bidirectional views and the direction lab ---------------------------------------------------
for view in unrolled hidden gates gradients; do
  "$binary" snapshot --view $view --bidirectional --hidden 4 --steps 1 --format txt --size 80x24 \
    >"$work/bi-$view" 2>&1
done
if grep -q "h←" "$work/bi-unrolled" && grep -q "← backward (reads right to left)" "$work/bi-hidden" \
  && grep -q "← backward" "$work/bi-gates" && grep -q "gradient flows left to right" "$work/bi-gradients"
then ok "snapshot-bidirectional-shows-both-directions"
else bad "snapshot-bidirectional-shows-both-directions" "$(head -4 "$work/bi-hidden")"; fi
"$binary" lab --experiment direction --headless --csv "$work/direction.csv" --hidden 3 --steps 2 \
  --record-every 1 >"$work/direction.out" 2>&1
header=experiment,pane,step,accuracy,capital_accuracy,word_initial_accuracy,loss
if [ "$(head -1 "$work/direction.csv")" = "$header" ] && [ "$(grep -c '^direction,uni-lstm6,' "$work/direction.csv")" -eq 3 ] \
  && [ "$(grep -c '^direction,bi-lstm3,' "$work/direction.csv")" -eq 3 ] \
  && grep -q "^pane uni-lstm6 params 8128 steps 2 " "$work/direction.out" \
  && grep -q "^pane bi-lstm3 params 8056 steps 2 " "$work/direction.out" && grep -q "^probe, right only with both directions (^) / only left to right (v), (of its 3 capitals), by step: 0:^[0-9]*/v[0-9]*([0-3]/[0-3]) 1:^[0-9]*/v[0-9]*([0-3]/[0-3]) 2:^" "$work/direction.out"
then ok "lab-direction-headless-csv"
else bad "lab-direction-headless-csv" "$(head -3 "$work/direction.csv") / $(head -4 "$work/direction.out")"; fi
refuses "lab-direction-has-no-scales" "--scales applies to scale, clip and activation" \
  lab --experiment direction --scales 1 --headless --csv "$work/x.csv"

# --- issue 25: encoder–decoder run directories ----------------------------------------------------------
s2s="--task reverse --min-len 3 --max-len 6 --hidden 8 --embedding 4 --batch 8 --epoch-steps 10 --held-out 20"
"$binary" train $s2s --steps 40 --out "$work/s2s" >/dev/null 2>&1
"$binary" train $s2s --steps 20 --out "$work/s2s-resumed" >/dev/null 2>&1
"$binary" train --resume "$work/s2s-resumed" --steps 40 >/dev/null 2>&1
cmp -s "$work/s2s/epoch-0004.safetensors" "$work/s2s-resumed/epoch-0004.safetensors" && ok "seq2seq-resume-bit-for-bit" \
  || bad "seq2seq-resume-bit-for-bit" "epoch 4 of the resumed run differs from the uninterrupted run's"
report=$("$binary" inspect "$work/s2s" 2>&1)
if grep -q "kept epochs: 1, 2, 3, 4" <<<"$report" && [ "$(grep -c '^ *[1-4] *[1-4]0 ' <<<"$report")" = 4 ] \
  && ! grep -q "note:" <<<"$report"; then ok "seq2seq-inspect-epoch-table"
else bad "seq2seq-inspect-epoch-table" "$(tail -6 <<<"$report")"; fi
for word in abc bad cab dab fed ace bead face deaf cafe; do printf '%s\t%s\n' $word "$(rev <<<$word)"; done >"$work/rev.tsv"
e2=$("$binary" eval --run "$work/s2s" --epoch 2 --pairs "$work/rev.tsv" 2>&1)
e4=$("$binary" eval --run "$work/s2s" --pairs "$work/rev.tsv" 2>&1)
if [ "$e2" != "$e4" ] && [ "$e4" = "$("$binary" eval --weights "$work/s2s/epoch-0004.safetensors" --pairs "$work/rev.tsv" 2>&1)" ]
then ok "seq2seq-eval-any-epoch"; else bad "seq2seq-eval-any-epoch" "$e2 / $e4"; fi
# Without --pairs a run is scored on its own held-out pairs: the exact accuracy its last epoch recorded.
own=$("$binary" eval --run "$work/s2s" 2>&1)
recorded=$(tail -1 "$work/s2s/epochs.jsonl" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["exact_accuracy"])')
grep -q "^pairs 20 cross_entropy .* exact $recorded," <<<"$own" && ok "seq2seq-eval-run-held-out" \
  || bad "seq2seq-eval-run-held-out" "$own (recorded exact $recorded)"
refuses "seq2seq-eval-weights-needs-pairs" "--weights needs --pairs FILE" eval --weights "$work/s2s/epoch-0004.safetensors"
"$binary" snapshot --view attention --run "$work/s2s" --epoch 1 --size 80x24 --format txt >"$work/s2s-att" 2>&1
grep -q "α: output" "$work/s2s-att" && grep -q "r *n *n *s *c *o *p *e" "$work/s2s-att" && ok "seq2seq-snapshot-attention-epoch" \
  || bad "seq2seq-snapshot-attention-epoch" "$(head -3 "$work/s2s-att")"
mkdir -p "$work/s2s-old" && cp "$work/s2s/epoch-0002.safetensors" "$work/s2s-old/model.safetensors"
[ "$("$binary" eval --run "$work/s2s-old" --pairs "$work/rev.tsv" 2>/dev/null)" = "$e2" ] && "$binary" inspect "$work/s2s-old" 2>&1 \
  | grep -q "model.safetensors only" && ok "seq2seq-old-out-directory-opens" || bad "seq2seq-old-out-directory-opens" "$e2"
fixture=Tests/RNNEngineTests/Fixtures/seq2seq-export
loss=$("$binary" eval --weights $fixture/model.safetensors --vocab $fixture/vocab.json --attention dot --pairs $fixture/pairs.tsv \
  2>&1 | grep -o 'cross_entropy [0-9.]*' | cut -d' ' -f2)
awk -v l="${loss:-9}" 'BEGIN { d = l - 0.5852775472729261; exit !(d < 1e-4 && d > -1e-4) }' && ok "seq2seq-eval-pytorch-export-loss" \
  || bad "seq2seq-eval-pytorch-export-loss" "cross_entropy ${loss:-none}, PyTorch 0.585278"
"$binary" snapshot --run "$work/s2s" --epoch 2 --view replay --size 80x24 --format txt >"$work/s2s-replay" 2>&1
grep -q "epoch 2 of 4" "$work/s2s-replay" && grep -qE "^│ +2 +20 " "$work/s2s-replay" && ! grep -qE "^│ +3 +30 " "$work/s2s-replay" \
  && grep -q "replay: \[ \] previous/next epoch" "$work/s2s-replay" && ok "seq2seq-replay-shows-the-epoch" \
  || bad "seq2seq-replay-shows-the-epoch" "$(tail -3 "$work/s2s-replay")"
refuses "seq2seq-replay-missing-epoch" "epoch 9 is not a kept epoch (kept: 1, 2, 3, 4)" snapshot --run "$work/s2s" --epoch 9 --view replay
"$binary" snapshot --run "$work/s2s" --view gates --size 80x24 --format txt >"$work/s2s-gates" 2>&1
grep -q "Gates, encoder layer 1" "$work/s2s-gates" && ok "seq2seq-run-draws-its-own-gates" \
  || bad "seq2seq-run-draws-its-own-gates" "$(head -3 "$work/s2s-gates")"
refuses "seq2seq-char-run-refused" "is a recording of a recurrent model, not of an encoder–decoder" translate --run $run abc
refuses "seq2seq-missing-epoch" "epoch 9 is not a kept epoch (kept: 1, 2, 3, 4)" translate --run "$work/s2s" --epoch 9 abc
refuses "seq2seq-resume-refuses-changed-flags" "drop --hidden (only --steps can change" train --resume "$work/s2s" --hidden 4
refuses "seq2seq-out-holds-a-recording" "already holds a recording" train $s2s --steps 10 --out "$work/s2s"
printf '{"kind": "seq2seq", "mod' >"$work/s2s-resumed/run.json"
"$binary" inspect "$work/s2s-resumed" 2>&1 | grep -q "note: run.json: not a valid encoder–decoder run description" \
  && "$binary" train --resume "$work/s2s-resumed" --steps 50 >/dev/null 2>&1 && ok "seq2seq-damaged-run-json-resumes" \
  || bad "seq2seq-damaged-run-json-resumes" "$("$binary" inspect "$work/s2s-resumed" 2>&1 | tail -2)"
for i in $(seq 12); do printf 'ab%s\tba%s\n' "$i" "$i"; done >"$work/pairs.tsv"
"$binary" train --task pairs --pairs "$work/pairs.tsv" --hidden 4 --embedding 4 --batch 4 --steps 5 --epoch-steps 5 \
  --out "$work/s2s-pairs" >/dev/null 2>&1
printf 'ab1\tba2\n' >>"$work/pairs.tsv"
refuses "seq2seq-resume-refuses-changed-pairs" "is not the pairs file this run was recorded on" \
  train --resume "$work/s2s-pairs" --steps 10
"$binary" train --resume "$work/s2s-pairs" --steps 10 --allow-changed-text >/dev/null 2>&1 \
  && ok "seq2seq-resume-allow-changed-text" || bad "seq2seq-resume-allow-changed-text" "refused"

# --- issue 26: the bottleneck lab as a snapshot -----------------------------------------------------------
alab="--experiment attention --max-len 7 --steps 40 --record-every 20 --held-out 50 --hidden 32 --embedding 8 --batch 32 --lr 1e-2"
# shellcheck disable=SC2086
"$binary" snapshot --view lab $alab --size 80x24 --format txt >"$work/alab" 2>&1
# shellcheck disable=SC2086
"$binary" lab $alab --headless --csv "$work/alab.csv" >"$work/alab.out" 2>&1
# Each pane's row of the picture's table against its headless summary line: exact, 1–5 and 6–10 in
# percent (to the table's 0.1), and the last loss (to the table's 0.01).
differ=""
for pane in none dot general bi-dot; do
  headless=$(awk -v p=$pane '$1 == "pane" && $2 == p {
    for (i = 1; i < NF; i++) if ($i == "exact" || $i ~ /^accuracy@/) printf "%s ", $(i + 1) * 100
    printf "%s", $NF }' "$work/alab.out")
  shown=$(awk -v p="│$pane" '$1 == p && $3 == "40/40" { printf "%s %s %s %s", $5 + 0, $6 + 0, $7 + 0, $4 }' "$work/alab")
  awk -v a="$headless" -v b="$shown" 'BEGIN { n = split(a, x); m = split(b, y); if (n != 4 || m != 4) exit 1
    for (i = 1; i <= 4; i++) { t = i == 4 ? 0.0051 : 0.051; if (x[i] - y[i] > t || y[i] - x[i] > t) exit 1 } }' \
    || differ+=" $pane ($headless / $shown)"
done
if [ -z "$differ" ] && grep -q "Held-out exact accuracy by source length at step 40 (50 pairs" "$work/alab" \
  && grep -q "│─ none  ─ dot  ─ general  ─ bi-dot  " "$work/alab" && grep -q "every pane at step 40/40" "$work/alab" \
  && grep -q "│pane     status     step  loss  exact  len 1–5  len 6–10" "$work/alab" \
  && [ "$(wc -l <"$work/alab")" -eq 24 ]; then ok "snapshot-attention-lab-matches-headless"
else bad "snapshot-attention-lab-matches-headless" "${differ:-labels}: $(head -4 "$work/alab")"; fi
"$binary" snapshot --view lab --experiment attention --help 2>&1 | grep -q "^  rnnscope snapshot --view lab --experiment attention" \
  && ok "snapshot-attention-lab-help" || bad "snapshot-attention-lab-help" "no example"
refuses "snapshot-attention-lab-refuses-run" "--view lab trains its own experiment; leave out --run and --weights" \
  snapshot --view lab --experiment attention --run $run
refuses "snapshot-attention-lab-other-experiment" "a seq2seq --task has the attention lab only" \
  snapshot --view lab --experiment scale --task reverse
refuses "snapshot-attention-lab-bad-steps" "--steps must be at least 1 (got 0)" \
  snapshot --view lab --experiment attention --steps 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
