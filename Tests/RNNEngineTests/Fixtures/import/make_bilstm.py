"""Makes bilstm_embed_2layer.safetensors and its entry in expected.json (run once, with torch).

The model is Samples/export_pytorch.py's CharLSTM(embedding=8, hidden=12, layers=2,
bidirectional=True), trained there for 150 steps on that script's own bytes (seed 24); the eval
loss follows README.md's definition, in float64, from the stored float32 weights.

    python3 Tests/RNNEngineTests/Fixtures/import/make_bilstm.py
"""
import json
import os
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "..", "..", "..", "Samples")
sys.path.insert(0, samples)
from export_pytorch import CharLSTM, save, train  # noqa: E402

torch.manual_seed(24)
data = torch.tensor(list(open(os.path.join(samples, "export_pytorch.py"), "rb").read()), dtype=torch.long)
model = CharLSTM(embedding=8, hidden=12, layers=2, bidirectional=True)
train(model, data, steps=150)
save(model, os.path.join(here, "bilstm_embed_2layer.safetensors"))

tokens = torch.tensor(list(open(os.path.join(here, "eval.txt"), "rb").read()), dtype=torch.long)
with torch.no_grad():
    wide = model.double()
    logits = wide(tokens[:-1].unsqueeze(0))[0]  # one sequence from the zero state, (T, 256)
    loss = torch.nn.functional.cross_entropy(logits, tokens[1:]).item()

expected_path = os.path.join(here, "expected.json")
expected = json.load(open(expected_path))
expected["bilstm_embed_2layer"] = {
    "file": "bilstm_embed_2layer.safetensors",
    "dtype": "float32",
    "cell": "lstm",
    "layers": 2,
    "hidden": 12,
    "bidirectional": True,
    "embedding": 8,
    "vocab": 256,
    "prefixes": {"embedding": "encoder", "recurrent": "lstm", "output": "decoder"},
    "keys": {name: list(value.shape) for name, value in model.state_dict().items()},
    "eval_loss": loss,
    "eval_positions": len(tokens) - 1,
}
json.dump(expected, open(expected_path, "w"), indent=2)
print(f"eval loss {loss:.6f} over {len(tokens) - 1} positions")
