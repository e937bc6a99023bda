#!/usr/bin/env bash
# Regenerates Screenshots/ from fixed seeds: an SVG of every view (and a PNG when rsvg-convert
# is installed) plus a caption file. Run through `make screenshots`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/rnnscope
out=Screenshots
mkdir -p "$out"

# name | flags | caption
shots=(
  "training|--view training --epochs 40|Training view: loss curves and the lecture's per-epoch table. The probe sentence goes from nulls to spaces and e's to correct casing."
  "unrolled|--view unrolled --epochs 40 --cursor 20 --unit 3|Unrolled view: one cell per step, x_t below, y_t's top 3 above, h_t inside, the LSTM cell state as a belt; below, the cursor's step worked out unit by unit."
  "hidden|--view hidden --epochs 40 --cursor 20|Hidden-state view: units x time over the probe, aligned with its characters, with the selected unit's trace."
  "gates|--view gates --epochs 40 --cursor 20|Gates view: the LSTM's i, f, g, o and c over the probe, with how often each gate sits shut (< 0.1) or open (> 0.9); for the tanh rows (g and c), how often |x| > 0.9."
  "gradients|--view gradients --epochs 40 --cursor 20|Gradients view: how the gradient flows back through time on the probe, the step factor, and the global norm over training."
  "gru-gates|--view gates --cell gru --epochs 40 --cursor 20|A GRU's reset, update and candidate gates on the same probe."
  "lab|--view lab --experiment scale --gap 50 --steps 300|The vanishing/exploding lab, scale experiment: tanh RNNs with W_hh orthogonal x rho for five rho; each pane's gradient against distance on one log axis next to 0.9^d and 1.1^d, the fitted per-step factor against the bound."
  "lab-arch|--view lab --experiment arch --gap 50 --steps 1000 --forget-bias 3|The lab, arch experiment: recall with gap 50, the LSTM's forget-gate bias at 3. Its forget gates sit above 0.9 (99.8% of units), it passes 90% by step 200 (measured every 100 steps), and after learning its gradient 50 steps back is about 1e-3, nine orders of magnitude above the vanilla RNN's and the GRU's (near 1e-12), which are still at chance."
  "lm-training|--view training --task lm --hidden 64 --epochs 150|A character-level language model (LSTM, 64 units) after 2,400 steps on the built-in corpus: the probe predicted next-byte by next-byte, and a 200-byte sample it wrote from the probe's start at temperature 1.0 (t/T change it)."
  "replay|--view replay --run Samples/case-lstm-demo --epoch 2|Replaying the recording shipped in Samples/: epoch 2 of 4, the timeline at the bottom with each epoch's loss; every view is recomputed from that epoch's checkpoint."
  "connectivity|--view connectivity --task lm --hidden 64 --epochs 150 --cursor 45|Connectivity view of the character-level LSTM above: under the probe, each input shaded (and drawn as a bar) by how strongly the prediction at t = 45 (after 'said', the next byte 'h') depends on it, the norm of d logit / d x_t; below, the mean share of a prediction's connectivity by distance over 64 held-out predictions, on a log axis."
  "rnn-gradients|--view gradients --cell rnn_tanh --initialization orthogonal --scale 1.1 --epochs 10|A vanilla RNN whose W_hh starts orthogonal x 1.1: the gradient view with Pascanu's bound (gamma * sigma_max)^(T-t)."
  "bi-unrolled|--view unrolled --bidirectional --epochs 30 --cursor 54|A bidirectional LSTM-32 after 30 epochs of case correction, unrolled at the H of Holmes: the forward direction's cells above (arrows left to right), the backward direction's below (arrows right to left), the head over both reading [h->;h<-] at each step; below, the step worked out for the forward direction (d switches)."
  "lab-direction|--view lab --experiment direction|The lab, direction experiment: LSTM-59 against a bidirectional LSTM-32 of the same parameter budget, 870 steps of case correction on the same batches; held-out accuracy on capitals side by side (83% against 58% here, seed 7), and the probe with ^ under the letters only the bidirectional model restores: the M of Mr., which the unidirectional model leaves lowercase."
  "lab-attention|--view lab --experiment attention --task reverse --max-len 20 --steps 1500|The bottleneck lab (RNNenc vs RNNsearch), a smaller run than the README's so that make screenshots stays short (about 100 s of CPU on two threads): reverse on sources of 1-20 symbols, GRU 64, 1,500 steps a pane on the same batches from the same seed. Held-out exact accuracy against source length: without attention (one context vector) 94.8% at 1-5, 30.5% at 6-10, 1.3% at 11-15 and 0% at 16-20; with dot attention 99.2%, 97.8%, 92.9% and 88.8%; general 92.1% and dot over a bidirectional encoder 94.2% at 16-20."
)

: > "$out/CAPTIONS.md"
echo "# Screenshots (made by \`make screenshots\`; do not edit by hand)" >> "$out/CAPTIONS.md"
for shot in "${shots[@]}"; do
  IFS='|' read -r name flags caption <<< "$shot"
  echo "screenshot: $name"
  # A recording brings its own seed; everything else trains from seed 7.
  [[ $flags == *--run* ]] || flags="$flags --seed 7"
  # shellcheck disable=SC2086
  "$bin" snapshot $flags --size 160x48 --out "$out/$name.svg"
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert "$out/$name.svg" -o "$out/$name.png"
  fi
  printf '\n## %s\n`rnnscope snapshot %s --size 160x48`\n\n%s\n' "$name" "$flags" "$caption" >> "$out/CAPTIONS.md"
done

# Encoder–decoders: train small ones from seed 7 (once per set of flags), then draw a view of each.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# name | view | training flags | source text | caption
seq2seq=(
  "attention-dates|attention|--task dates --attention dot --steps 1000|Thursday, May 3, 1979|Attention view of an encoder-decoder (GRU 64, dot attention) after 1,000 steps on dates: alpha with the output down the side and the source along the top; the month's digits look at the month name, the day's at the day, the year's at its last two digits."
  "attention-reverse|attention|--task reverse --attention dot --steps 1500|abcdefghijklmnopqrst|Attention view of an encoder-decoder (GRU 64, dot attention) after 1,500 steps on reverse: the anti-diagonal."
  "encoder-decoder-reverse|encoder-decoder|--task reverse --attention dot --steps 1500|abcdefghijkl|Encoder-decoder view of the same model: the source cells, the bridge h_n^e -> h_0^d and the decoder cells unrolled; from output step 6 a rail to every source cell, each drop shaded by its alpha, and inside the step its query, context, gates and new state."
  "encoder-decoder-none|encoder-decoder|--task reverse --attention none --steps 1500|abcdefghijkl|The same view without attention (RNNenc): no alpha, one rail from the bridge to every output step, which all read the same context c = h_n^e, the whole source in 64 numbers (the bottleneck)."
)
for shot in "${seq2seq[@]}"; do
  IFS='|' read -r name view flags text caption <<< "$shot"
  echo "screenshot: $name"
  task=$(sed -E 's/.*--task ([a-z]+).*/\1/' <<< "$flags")
  run="$work/$(tr -c 'a-z0-9' '_' <<< "$flags")"
  # shellcheck disable=SC2086
  [[ -d $run ]] || "$bin" train $flags --seed 7 --out "$run" > /dev/null
  "$bin" snapshot --view "$view" --run "$run" --task "$task" --text "$text" --step 6 --size 160x48 \
    --out "$out/$name.svg"
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert "$out/$name.svg" -o "$out/$name.png"
  fi
  printf '\n## %s\n`rnnscope train %s --seed 7 --out DIR`, then `rnnscope snapshot --view %s --run DIR --task %s --text "%s" --step 6 --size 160x48`\n\n%s\n' \
    "$name" "$flags" "$view" "$task" "$text" "$caption" >> "$out/CAPTIONS.md"
done

# Pattern search: the span is a double quote, which the flags above cannot carry through word splitting.
echo "screenshot: hidden-search"
"$bin" snapshot --view hidden --epochs 40 --cursor 20 --span '"' --seed 7 --size 160x48 --out "$out/hidden-search.svg"
if command -v rsvg-convert >/dev/null 2>&1; then
  rsvg-convert "$out/hidden-search.svg" -o "$out/hidden-search.png"
fi
printf '\n## %s\n`%s`\n\n%s\n' "hidden-search" \
  "rnnscope snapshot --view hidden --epochs 40 --cursor 20 --span '\"' --seed 7 --size 160x48" \
  "Pattern search in the Hidden state view: the units on at the probe's opening quote (after 'face. ') are marked in the heatmap, and the held-out places where they are on together are listed: quotes that open a sentence after 'said she. ' and the like, where the next letter must be a capital." >> "$out/CAPTIONS.md"
