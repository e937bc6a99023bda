# Generates seq2seq_connectivity.json: for the encoder-decoder parity fixtures (../parity/s2s_*.json),
# PyTorch's ||d logit_{k_i}(i) / d e_j|| for every output step i and source position j of one pair,
# in float64: e_j the source embedding row, k_i the symbol step i must predict (teacher forcing).
# The pair: the fixture's first source row, and its first target row as the target (start in front,
# end behind). The model is the reference's own Seq2Seq module (/work/shared/parity/seq2seq/reference.py).
# Run once from this folder: python3 make_seq2seq_connectivity.py  (PyTorch 2.15, CPU)
import json
import sys

import torch

sys.path.insert(0, "/work/shared/parity/seq2seq")
from reference import Seq2Seq  # noqa: E402

torch.set_default_dtype(torch.float64)
FIXTURES = ["s2s_gru_none.json", "s2s_lstm_dot.json", "s2s_gru_general_bi.json"]
START, END = 1, 2


def connectivity(spec):
    sizes = spec["sizes"]
    model = Seq2Seq(spec["cell"], sizes["src_vocab"], sizes["tgt_vocab"], sizes["embedding"], sizes["hidden"],
                    sizes["layers"], spec["bidirectional_encoder"], spec["attention"])
    model.load_state_dict({k: torch.tensor(v) for k, v in spec["params"].items()})
    source = spec["src"][0][:spec["src_lengths"][0]]
    target = spec["tgt_out"][0][:-1]
    tgt_in, tgt_out = [START] + target, target + [END]
    captured = []
    model.src_embedding.register_forward_hook(lambda module, inputs, output: captured.append(output))
    logits = model(torch.tensor([source]), torch.tensor([len(source)]), torch.tensor([tgt_in]))[0]  # (1, T, V)
    embedded = captured[0]  # (1, S, E)
    norms = []
    for i, symbol in enumerate(tgt_out):
        (grad,) = torch.autograd.grad(logits[0, i, symbol], embedded, retain_graph=True)
        norms.append(grad[0].norm(dim=1).tolist())
    return {"source": source, "target": target, "norms": norms}


def main():
    result = {"generator": f"PyTorch {torch.__version__}, float64", "cases": {}}
    for name in FIXTURES:
        result["cases"][name] = connectivity(json.load(open("../parity/" + name)))
    with open("seq2seq_connectivity.json", "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
