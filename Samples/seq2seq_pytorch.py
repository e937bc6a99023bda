#!/usr/bin/env python3
"""Open an rnnscope encoder-decoder in PyTorch, or save a PyTorch one for rnnscope.

The module is the reference's Seq2Seq (shared/parity/seq2seq/reference.py): the same state-dict
names, so the weights move both ways unchanged.

    python3 seq2seq_pytorch.py load runs/dates/model.safetensors "3 May 1979"
    python3 seq2seq_pytorch.py save model.pt out.safetensors     # a state dict saved with torch.save
    rnnscope translate --weights out.safetensors --vocab vocab.json --attention dot "3 May 1979"

rnnscope's files carry their shape and vocabularies in the safetensors metadata
(rnnscope.seq2seq.config, rnnscope.seq2seq.vocabulary); a bare PyTorch file needs --vocab and,
when it has no attention tensors, --attention dot or none.
"""
import json, sys
import torch, torch.nn as nn
from safetensors import safe_open
from safetensors.torch import load_file, save_file

CLS = {"rnn_tanh": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class Seq2Seq(nn.Module):
    """reference.py's model (dot, general and none attention), decoding greedily."""

    def __init__(self, cell, Vs, Vt, E, H, L, bi, attention):
        super().__init__()
        self.cell, self.bi, self.attn_kind = cell, bi, attention
        D = H * (2 if bi else 1)
        self.src_embedding = nn.Embedding(Vs, E)
        self.encoder = CLS[cell](E, H, num_layers=L, batch_first=True, bidirectional=bi)
        self.tgt_embedding = nn.Embedding(Vt, E)
        self.decoder = CLS[cell](E + D, D, num_layers=L, batch_first=True)
        if attention == "general":
            self.attention = nn.Linear(D, D, bias=False)
        self.output = nn.Linear(D, Vt)

    def bridge(self, s):
        return torch.cat([s[0::2], s[1::2]], dim=-1) if self.bi else s

    @torch.no_grad()
    def greedy(self, src, max_len):
        enc, state = self.encoder(self.src_embedding(src))
        dstate = tuple(self.bridge(s).contiguous() for s in state) if self.cell == "lstm" else self.bridge(state).contiguous()
        top = (dstate[0] if self.cell == "lstm" else dstate)[-1]
        token, out = torch.tensor([1]), []
        for _ in range(max_len):
            s = dstate[0][-1] if self.cell == "lstm" else dstate[-1]
            if self.attn_kind == "none":
                ctx = top
            else:
                keys = enc if self.attn_kind == "dot" else self.attention(enc)
                alpha = torch.softmax(torch.einsum("bd,bsd->bs", s, keys), dim=1)
                ctx = torch.einsum("bs,bsd->bd", alpha, enc)
            o, dstate = self.decoder(torch.cat([self.tgt_embedding(token), ctx], -1)[:, None], dstate)
            token = self.output(o[:, 0]).argmax(-1)
            if token.item() == 2:
                break
            out.append(token.item())
        return out


def load(path, text):
    with safe_open(path, "pt") as f:
        meta = f.metadata()
    c, v = json.loads(meta["rnnscope.seq2seq.config"]), json.loads(meta["rnnscope.seq2seq.vocabulary"])
    m = Seq2Seq(c["cell"], c["sourceVocabulary"], c["targetVocabulary"], c["embedding"], c["hidden"], c["layers"],
                c["bidirectional"], c["attention"])
    m.load_state_dict({k: t.double() for k, t in load_file(path).items()})
    m.double()
    src = torch.tensor([[v["source"].index(ch) + 3 for ch in text]])
    print("".join(v["target"][i - 3] for i in m.greedy(src, 2 * len(text) + 10)))


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
    else:
        save_file({k: t.float().contiguous() for k, t in torch.load(sys.argv[2]).items()}, sys.argv[3])
