# Generates connectivity.json: for the float32 import fixtures, PyTorch's
# ||d logit_k(t~) / d x_t|| for every input position t of a probe, in float64.
# x_t is the one-hot input vector (rnn_onehot) or the looked-up embedding row (the others).
# Run once from this folder: python3 make_connectivity.py  (PyTorch 2.15, CPU)
import json
import struct

import numpy as np
import torch

IMPORT = "../import/"
PROBE_LENGTH = 40
POSITIONS = [39, 25, 6]


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for key, info in header.items():
        if key == "__metadata__":
            continue
        start, end = info["data_offsets"]
        values = np.frombuffer(data[start:end], dtype=np.float32).reshape(info["shape"])
        tensors[key] = torch.tensor(values, dtype=torch.float64)
    return tensors


def build(spec, tensors):
    vocab, hidden, layers = spec["vocab"], spec["hidden"], spec["layers"]
    width = spec["embedding"] or vocab
    cell = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[spec["cell"]]
    rnn = cell(width, hidden, num_layers=layers).double()
    prefix = spec["prefixes"]
    rnn.load_state_dict({k[len(prefix["recurrent"]) + 1:]: v for k, v in tensors.items()
                         if k.startswith(prefix["recurrent"] + ".")})
    head = torch.nn.Linear(hidden, vocab).double()
    head.load_state_dict({"weight": tensors[prefix["output"] + ".weight"], "bias": tensors[prefix["output"] + ".bias"]})
    embedding = tensors[prefix["embedding"] + ".weight"] if prefix["embedding"] else None
    return rnn, head, embedding


def main():
    expected = json.load(open(IMPORT + "expected.json"))
    tokens = list(open(IMPORT + "eval.txt", "rb").read()[:PROBE_LENGTH + 1])
    result = {"probe_length": PROBE_LENGTH, "tokens": tokens[:PROBE_LENGTH], "models": {}}
    for name, spec in sorted(expected.items()):
        if spec["dtype"] != "float32":
            continue
        rnn, head, embedding = build(spec, read_safetensors(IMPORT + spec["file"]))
        queries = []
        for position in POSITIONS:
            symbol = tokens[position + 1]
            ids = torch.tensor(tokens[:PROBE_LENGTH])
            if embedding is None:
                x = torch.nn.functional.one_hot(ids, spec["vocab"]).double()
            else:
                x = embedding[ids].clone()
            x.requires_grad_(True)
            outputs, _ = rnn(x.unsqueeze(1))  # (T, 1, H)
            logit = head(outputs[position, 0])[symbol]
            (gradient,) = torch.autograd.grad(logit, x)
            queries.append({"position": position, "symbol": symbol,
                            "norms": gradient.norm(dim=1).tolist()})
        result["models"][name] = {"file": spec["file"], "queries": queries}
    with open("connectivity.json", "w") as f:
        json.dump(result, f, indent=1)


main()
