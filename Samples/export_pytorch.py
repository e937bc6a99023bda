"""Save a PyTorch character model so rnnscope can open it.

rnnscope reads safetensors files whose keys are PyTorch state_dict names: an optional
nn.Embedding, one nn.RNN / nn.LSTM / nn.GRU (any number of layers, batch_first or not,
bidirectional or not) and an nn.Linear head, under any module names. It infers the cell,
sizes, input kind and directions from the shapes and names (`*_reverse` keys).

    pip install torch safetensors
    python export_pytorch.py            # trains briefly, writes char_lstm.safetensors
    rnnscope inspect char_lstm.safetensors
    rnnscope eval --weights char_lstm.safetensors --text some.txt
    rnnscope sample --weights char_lstm.safetensors --prime "The " --length 200
    rnnscope tui --weights char_lstm.safetensors      (when the TUI opens imported models)
    python export_pytorch.py --bidirectional   # writes char_bilstm.safetensors

A bidirectional model reads each sequence both ways, so as a next-byte model it sees the byte
it must predict: its eval loss only checks that rnnscope computes what PyTorch computes. Train
it on a task that scores each position on what is there (such as case correction) for real use.

The vocabulary is bytes (token = byte value, 256 symbols), the same as rnnscope's text tasks.
For another vocabulary, save a JSON list of the characters in index order and pass
--vocab FILE.
"""
import sys

import torch
import torch.nn as nn
from safetensors.torch import save_file


class CharLSTM(nn.Module):
    def __init__(self, embedding=16, hidden=64, layers=1, bidirectional=False):
        super().__init__()
        self.encoder = nn.Embedding(256, embedding)
        self.lstm = nn.LSTM(embedding, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
        # A bidirectional layer's output is both directions side by side: 2 * hidden wide.
        self.decoder = nn.Linear(hidden * (2 if bidirectional else 1), 256)

    def forward(self, tokens):  # (B, T) -> (B, T, 256)
        states, _ = self.lstm(self.encoder(tokens))
        return self.decoder(states)


def train(model, data, steps=200):
    """Adam 3e-3 on batches of 16 random crops of 64 + 1 bytes, scored on the next byte."""
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(steps):
        starts = torch.randint(0, len(data) - 65, (16,))
        batch = torch.stack([data[s : s + 65] for s in starts])
        logits = model(batch[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, 256), batch[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss


def save(model, path):
    """Writes `model`'s state_dict as safetensors, under the names PyTorch gives it."""
    # state_dict names (encoder.weight, lstm.weight_ih_l0, ..., decoder.bias) are what rnnscope reads.
    tensors = {name: value.detach().contiguous() for name, value in model.state_dict().items()}
    save_file(tensors, path, metadata={"format": "pt"})


def main():
    bidirectional = "--bidirectional" in sys.argv[1:]
    text = open(__file__, "rb").read()  # any bytes will do for a demonstration
    data = torch.tensor(list(text), dtype=torch.long)
    model = CharLSTM(bidirectional=bidirectional)
    loss = train(model, data)
    path = "char_bilstm.safetensors" if bidirectional else "char_lstm.safetensors"
    save(model, path)
    print(f"saved {path} (final training loss {loss.item():.3f})")


if __name__ == "__main__":
    main()
