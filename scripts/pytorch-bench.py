#!/usr/bin/env python3
"""The `rnnscope bench` workload in PyTorch, for a same-machine, same-hour comparison.

B = 32 sequences of T = 100 one-hot bytes (256 symbols), fused nn.RNN/nn.LSTM/nn.GRU with
hidden 32, 128 and 512, a Linear head with cross-entropy at every step, Adam. The one-hot input
is a dense 256-wide matrix: compare with the 'dense' rows of `rnnscope bench`. Measured as
rnnscope measures: --threads threads (default: the cores available), a warm-up of at least 3 steps
and 0.3 s, the first timed step dropped, every configuration in a fresh process, the
configurations in turn for --rounds rounds, medians. Prints the same JSON fields as
`rnnscope bench --json` (train and forward tokens per second).

The rows `rnnscope bench` adds for the new models, picked with --only as there:
- seq2seq: the reference encoder-decoder of scripts/seq2seq_reference.py (a copy of the parity
  vectors' spec; its decoder runs step by step) with GRU and LSTM, H = 128, dot attention,
  embedding 32, vocabularies of 32, B = 64 pairs of 30 source and 30 target symbols, teacher
  forcing, cross-entropy ignoring padding, Adam; a token is a target position (B x T a step).
- bidirectional: the byte workload above with nn.LSTM(bidirectional=True), H = 128, the head
  reading 2H.

    python3 scripts/pytorch-bench.py [--threads N] [--steps 10] [--rounds 3]
    python3 scripts/pytorch-bench.py --only seq2seq bidirectional --threads 1
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


CLOCK = time.perf_counter  # time.process_time with --cpu-time


def median_seconds(body, steps):
    """Median seconds of `steps` runs of `body` after the warm-up and one dropped run."""
    warm_steps, warm_seconds = 0, 0.0
    while warm_steps < 3 or warm_seconds < 0.3:
        start = CLOCK()
        body()
        warm_seconds += CLOCK() - start
        warm_steps += 1
    times = []
    for _ in range(steps + 1):
        start = CLOCK()
        body()
        times.append(CLOCK() - start)
    return statistics.median_high(times[1:])


SEQ2SEQ = dict(batch=64, length=30, vocab=32, embedding=32, attention="dot")
NEW_MODEL_HIDDEN = 128


def run(cell, hidden, steps, threads, bidirectional=False, batch=32, length=100, vocab=256):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    module = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    rnn = module(vocab, hidden, batch_first=True, bidirectional=bidirectional)
    head = torch.nn.Linear(hidden * (2 if bidirectional else 1), vocab)
    optimizer = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3)
    text = torch.randint(0, vocab, (batch, length + 1))
    inputs = F.one_hot(text[:, :-1], vocab).float()
    targets = text[:, 1:].reshape(-1)

    def train_step():
        optimizer.zero_grad()
        out, _ = rnn(inputs)
        loss = F.cross_entropy(head(out).reshape(-1, vocab), targets)
        loss.backward()
        optimizer.step()

    def forward():
        with torch.no_grad():
            out, _ = rnn(inputs)
            F.cross_entropy(head(out).reshape(-1, vocab), targets)

    tokens = batch * length
    return {
        "benchmark": "train", "input": "dense", "cell": cell, "hidden": hidden, "batch": batch, "seq": length,
        "threads": threads, "bidirectional": bidirectional,
        "train_tokens_per_s": tokens / median_seconds(train_step, steps),
        "forward_tokens_per_s": tokens / median_seconds(forward, steps),
        "framework": "pytorch " + torch.__version__,
    }


def run_seq2seq(cell, hidden, steps, threads):
    """The reference Seq2Seq module in float32 on random symbols (ids 3 and up), no padding."""
    import torch
    import torch.nn.functional as F

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import seq2seq_reference  # sets float64 as the default type for its golden vectors

    torch.set_default_dtype(torch.float32)
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    batch, length, vocab = SEQ2SEQ["batch"], SEQ2SEQ["length"], SEQ2SEQ["vocab"]
    model = seq2seq_reference.Seq2Seq(cell, vocab, vocab, SEQ2SEQ["embedding"], hidden, 1, False,
                                      SEQ2SEQ["attention"])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    src = torch.randint(3, vocab, (batch, length))
    src_len = torch.full((batch,), length, dtype=torch.int64)
    target = torch.randint(3, vocab, (batch, length))
    tgt_in = torch.cat([torch.ones(batch, 1, dtype=torch.int64), target[:, :-1]], dim=1)

    def loss():
        logits = model(src, src_len, tgt_in)[0]
        return F.cross_entropy(logits.reshape(-1, vocab), target.reshape(-1), ignore_index=0)

    def train_step():
        optimizer.zero_grad()
        loss().backward()
        optimizer.step()

    def forward():
        with torch.no_grad():
            loss()

    tokens = batch * length
    return {
        "benchmark": "seq2seq", "cell": cell, "hidden": hidden, "attention": SEQ2SEQ["attention"], "batch": batch,
        "source_len": length, "target_len": length, "embedding": SEQ2SEQ["embedding"], "vocab": vocab,
        "threads": threads,
        "train_tokens_per_s": tokens / median_seconds(train_step, steps),
        "forward_tokens_per_s": tokens / median_seconds(forward, steps),
        "framework": "pytorch " + torch.__version__,
    }


def configurations(args):
    """(workload, cell, hidden) of every configuration --only, --cells and --hidden select, as rnnscope bench."""
    chosen = []
    for workload in ("train", "seq2seq", "bidirectional"):
        if workload not in args.only:
            continue
        if workload == "train":
            chosen += [(workload, cell, hidden) for cell in args.cells for hidden in args.hidden]
        else:
            cells = ("gru", "lstm") if workload == "seq2seq" else ("lstm",)
            chosen += [(workload, cell, NEW_MODEL_HIDDEN) for cell in args.cells if cell in cells]
    return chosen


def measure_one(workload, cell, hidden, args):
    """One configuration in this process."""
    if workload == "seq2seq":
        return run_seq2seq(cell, hidden, args.steps, args.threads)
    return run(cell, hidden, args.steps, args.threads, bidirectional=workload == "bidirectional")


def measure_in_fresh_process(workload, cell, hidden, args):
    """Runs this script again for one configuration and returns its JSON object."""
    command = [sys.executable, __file__, "--only-configuration", workload, cell, str(hidden),
               "--threads", str(args.threads), "--steps", str(args.steps)] + (["--cpu-time"] if args.cpu_time else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="threads for PyTorch (default: the cores available, as rnnscope bench)")
    parser.add_argument("--steps", type=int, default=10, help="timed steps a configuration and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all configurations (medians)")
    parser.add_argument("--cells", nargs="+", default=["rnn_tanh", "lstm", "gru"])
    parser.add_argument("--hidden", nargs="+", type=int, default=[32, 128, 512])
    parser.add_argument("--only", nargs="+", choices=["train", "seq2seq", "bidirectional"],
                        default=["train", "seq2seq", "bidirectional"], help="rows to measure (as rnnscope bench)")
    parser.add_argument("--only-configuration", nargs=3, metavar=("WORKLOAD", "CELL", "HIDDEN"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--cpu-time", action="store_true",
                        help="time with the process's CPU time (with --threads 1, on a loaded machine)")
    args = parser.parse_args()
    if args.cpu_time:
        global CLOCK
        CLOCK = time.process_time
    if args.only_configuration:
        workload, cell, hidden = args.only_configuration
        print(json.dumps(measure_one(workload, cell, int(hidden), args)))
        return
    chosen = configurations(args)
    rounds = [[measure_in_fresh_process(*configuration, args) for configuration in chosen]
              for _ in range(args.rounds)]
    results = []
    for index in range(len(chosen)):
        measured = [round_results[index] for round_results in rounds]
        result = dict(measured[0], rounds=args.rounds)
        for field in ("train_tokens_per_s", "forward_tokens_per_s"):
            result[field] = statistics.median_high([m[field] for m in measured])
        results.append(result)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
