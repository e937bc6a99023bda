#!/usr/bin/env python3
"""Open an rnnscope encoder-decoder in PyTorch, or save a PyTorch one for rnnscope.

The module is the reference's Seq2Seq (shared/parity/seq2seq/reference.py): the same state-dict
names, so the weights move both ways unchanged.

    python3 seq2seq_pytorch.py load runs/dates/epoch-0006.safetensors "3 May 1979"
    python3 seq2seq_pytorch.py save model.pt out.safetensors     # a state dict saved with torch.save
    rnnscope translate --weights out.safetensors --vocab vocab.json --attention dot "3 May 1979"

End to end (a model trained in PyTorch, scored by both):

    python3 seq2seq_pytorch.py export DIR     # trains a GRU on DIR/pairs.tsv, writes model.pt, vocab.json,
                                              # model.safetensors; prints PyTorch's loss
    python3 seq2seq_pytorch.py loss DIR/model.safetensors DIR/pairs.tsv DIR/vocab.json dot
    rnnscope eval --weights DIR/model.safetensors --vocab DIR/vocab.json --attention dot --pairs DIR/pairs.tsv

rnnscope's files carry their shape and vocabularies in the safetensors metadata
(rnnscope.seq2seq.config, rnnscope.seq2seq.vocabulary); a bare PyTorch file needs --vocab and,
when it has no attention tensors, --attention dot or none. A run's epoch file also holds the
optimizer's and trainer's state (optimizer.*, trainer.*), which `load` passes over.
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

    def start(self, src):
        """The encoder's outputs, the decoder's first state and the top layer's final state."""
        enc, state = self.encoder(self.src_embedding(src))
        dstate = tuple(self.bridge(s).contiguous() for s in state) if self.cell == "lstm" else self.bridge(state).contiguous()
        return enc, dstate, (dstate[0] if self.cell == "lstm" else dstate)[-1]

    def step(self, token, enc, dstate, top):
        """One decoder step: attention over enc, then the cell; returns the logits and the new state."""
        s = dstate[0][-1] if self.cell == "lstm" else dstate[-1]
        if self.attn_kind == "none":
            ctx = top
        else:
            keys = enc if self.attn_kind == "dot" else self.attention(enc)
            alpha = torch.softmax(torch.einsum("bd,bsd->bs", s, keys), dim=1)
            ctx = torch.einsum("bs,bsd->bd", alpha, enc)
        o, dstate = self.decoder(torch.cat([self.tgt_embedding(token), ctx], -1)[:, None], dstate)
        return self.output(o[:, 0]), dstate

    def loss_sum(self, src, tgt):
        """Summed cross-entropy of one pair under teacher forcing (start, target, end), and its symbol count."""
        enc, dstate, top = self.start(src)
        inputs, outputs = [1] + tgt, tgt + [2]
        total = 0.0
        for i, o in zip(inputs, outputs):
            logits, dstate = self.step(torch.tensor([i]), enc, dstate, top)
            total = total + nn.functional.cross_entropy(logits, torch.tensor([o]), reduction="sum")
        return total, len(outputs)

    @torch.no_grad()
    def greedy(self, src, max_len):
        enc, dstate, top = self.start(src)
        token, out = torch.tensor([1]), []
        for _ in range(max_len):
            logits, dstate = self.step(token, enc, dstate, top)
            token = logits.argmax(-1)
            if token.item() == 2:
                break
            out.append(token.item())
        return out


def open_model(path, vocab_path=None, attention=None):
    """A model file in PyTorch (in float64): rnnscope's own with its metadata, or a bare state dict
    with a vocabulary file and an attention kind."""
    with safe_open(path, "pt") as f:
        meta = f.metadata() or {}
    tensors = {k: t for k, t in load_file(path).items() if not k.startswith(("optimizer.", "trainer."))}
    if "rnnscope.seq2seq.config" in meta:
        c = json.loads(meta["rnnscope.seq2seq.config"])
        cell, L, bi, attention = c["cell"], c["layers"], c["bidirectional"], c["attention"]
    else:
        hh = tensors["encoder.weight_hh_l0"]
        cell = {4: "lstm", 3: "gru", 1: "rnn_tanh"}[hh.shape[0] // hh.shape[1]]
        L = sum(1 for k in tensors if k.startswith("encoder.weight_hh_l") and not k.endswith("_reverse"))
        bi, attention = "encoder.weight_hh_l0_reverse" in tensors, "general" if "attention.weight" in tensors else attention
    v = json.loads(open(vocab_path).read() if vocab_path else meta["rnnscope.seq2seq.vocabulary"])
    src, tgt, hh = tensors["src_embedding.weight"], tensors["tgt_embedding.weight"], tensors["encoder.weight_hh_l0"]
    m = Seq2Seq(cell, src.shape[0], tgt.shape[0], src.shape[1], hh.shape[1], L, bi, attention)
    m.load_state_dict({k: t.double() for k, t in tensors.items()})
    return m.double(), v


def load(path, text):
    m, v = open_model(path)
    src = torch.tensor([[v["source"].index(ch) + 3 for ch in text]])
    print("".join(v["target"][i - 3] for i in m.greedy(src, 2 * len(text) + 10)))


def read_pairs(path):
    return [line.rstrip("\r").split("\t", 1) for line in open(path, encoding="utf-8").read().split("\n") if line.strip()]


@torch.no_grad()
def mean_loss(m, v, pairs):
    """Mean cross-entropy per target symbol (end symbol included), as rnnscope eval prints it."""
    total, count = 0.0, 0
    for s, t in pairs:
        loss, n = m.loss_sum(torch.tensor([[v["source"].index(ch) + 3 for ch in s]]), [v["target"].index(ch) + 3 for ch in t])
        total, count = total + loss.item(), count + n
    return total / count


def export(folder):
    """Trains a small GRU with dot attention on reversing short words, in PyTorch, and writes it
    for rnnscope: model.pt (the state dict), model.safetensors, vocab.json and pairs.tsv."""
    import os, random
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(3)
    words = ["".join(rng.choice("abcdefgh") for _ in range(rng.randint(2, 7))) for _ in range(40)]
    pairs = [(w, w[::-1]) for w in words]
    with open(f"{folder}/pairs.tsv", "w") as f:
        f.write("".join(f"{s}\t{t}\n" for s, t in pairs))
    v = {"source": list("abcdefgh"), "target": list("abcdefgh")}
    with open(f"{folder}/vocab.json", "w") as f:
        json.dump(v, f)
    torch.manual_seed(3)
    m = Seq2Seq("gru", 11, 11, 8, 16, 1, False, "dot")
    optimizer = torch.optim.Adam(m.parameters(), lr=1e-2)
    for step in range(400):
        s, t = pairs[step % len(pairs)]
        loss, n = m.loss_sum(torch.tensor([[v["source"].index(ch) + 3 for ch in s]]), [v["target"].index(ch) + 3 for ch in t])
        optimizer.zero_grad()
        (loss / n).backward()
        optimizer.step()
    torch.save(m.state_dict(), f"{folder}/model.pt")
    save_file({k: t.float().contiguous() for k, t in m.state_dict().items()}, f"{folder}/model.safetensors")
    m32, _ = open_model(f"{folder}/model.safetensors", f"{folder}/vocab.json", "dot")
    print(f"cross_entropy {mean_loss(m32, v, pairs):.6f} per target symbol (PyTorch, float64 on the saved float32 weights)")


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "export":
        export(sys.argv[2])
    elif sys.argv[1] == "loss":
        m, v = open_model(sys.argv[2], *sys.argv[4:6])
        print(f"cross_entropy {mean_loss(m, v, read_pairs(sys.argv[3])):.6f} per target symbol (PyTorch)")
    else:
        save_file({k: t.float().contiguous() for k, t in torch.load(sys.argv[2]).items()}, sys.argv[3])
