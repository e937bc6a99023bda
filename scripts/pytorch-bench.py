#!/usr/bin/env python3
"""The `rnnscope bench` workload in PyTorch, for a same-machine, same-hour comparison.

B = 32 sequences of T = 100 one-hot bytes (256 symbols), fused nn.RNN/nn.LSTM/nn.GRU with
hidden 32, 128 and 512, a Linear head with cross-entropy at every step, Adam. Prints the same
JSON fields as `rnnscope bench --json` (train and forward tokens per second, medians).

    python3 scripts/pytorch-bench.py [--threads 2] [--steps 10]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def run(cell, hidden, steps, batch=32, length=100, vocab=256):
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

    def median_seconds(body):
        for _ in range(3):
            body()
        times = []
        for _ in range(steps):
            start = time.perf_counter()
            body()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    tokens = batch * length
    return {
        "benchmark": "train", "cell": cell, "hidden": hidden, "batch": batch, "seq": length,
        "train_tokens_per_s": tokens / median_seconds(train_step),
        "forward_tokens_per_s": tokens / median_seconds(forward),
        "framework": "pytorch " + torch.__version__,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--cells", nargs="+", default=["rnn_tanh", "lstm", "gru"])
    parser.add_argument("--hidden", nargs="+", type=int, default=[32, 128, 512])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(json.dumps([run(c, h, args.steps) for c in args.cells for h in args.hidden], indent=2))


if __name__ == "__main__":
    main()
