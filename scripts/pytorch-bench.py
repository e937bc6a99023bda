#!/usr/bin/env python3
"""The `rnnscope bench` workload in PyTorch, for a same-machine, same-hour comparison.

B = 32 sequences of T = 100 one-hot bytes (256 symbols), fused nn.RNN/nn.LSTM/nn.GRU with
hidden 32, 128 and 512, a Linear head with cross-entropy at every step, Adam. The one-hot input
is a dense 256-wide matrix: compare with the 'dense' rows of `rnnscope bench`. Measured as
rnnscope measures: --threads threads (default: the cores available), a warm-up of at least 3 steps
and 0.3 s, the first timed step dropped, every configuration in a fresh process, the
configurations in turn for --rounds rounds, medians. Prints the same JSON fields as
`rnnscope bench --json` (train and forward tokens per second).

    python3 scripts/pytorch-bench.py [--threads N] [--steps 10] [--rounds 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def median_seconds(body, steps):
    """Median seconds of `steps` runs of `body` after the warm-up and one dropped run."""
    warm_steps, warm_seconds = 0, 0.0
    while warm_steps < 3 or warm_seconds < 0.3:
        start = time.perf_counter()
        body()
        warm_seconds += time.perf_counter() - start
        warm_steps += 1
    times = []
    for _ in range(steps + 1):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median_high(times[1:])


def run(cell, hidden, steps, threads, batch=32, length=100, vocab=256):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    module = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    rnn = module(vocab, hidden, batch_first=True)
    head = torch.nn.Linear(hidden, vocab)
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
        "threads": threads,
        "train_tokens_per_s": tokens / median_seconds(train_step, steps),
        "forward_tokens_per_s": tokens / median_seconds(forward, steps),
        "framework": "pytorch " + torch.__version__,
    }


def measure_in_fresh_process(cell, hidden, args):
    """Runs this script again for one configuration and returns its JSON object."""
    command = [sys.executable, __file__, "--only", cell, str(hidden),
               "--threads", str(args.threads), "--steps", str(args.steps)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="threads for PyTorch (default: the cores available, as rnnscope bench)")
    parser.add_argument("--steps", type=int, default=10, help="timed steps a configuration and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all configurations (medians)")
    parser.add_argument("--cells", nargs="+", default=["rnn_tanh", "lstm", "gru"])
    parser.add_argument("--hidden", nargs="+", type=int, default=[32, 128, 512])
    parser.add_argument("--only", nargs=2, metavar=("CELL", "HIDDEN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(run(args.only[0], int(args.only[1]), args.steps, args.threads)))
        return
    configurations = [(cell, hidden) for cell in args.cells for hidden in args.hidden]
    rounds = [[measure_in_fresh_process(cell, hidden, args) for cell, hidden in configurations]
              for _ in range(args.rounds)]
    results = []
    for index in range(len(configurations)):
        measured = [round_results[index] for round_results in rounds]
        result = dict(measured[0], rounds=args.rounds)
        for field in ("train_tokens_per_s", "forward_tokens_per_s"):
            result[field] = statistics.median_high([m[field] for m in measured])
        results.append(result)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
