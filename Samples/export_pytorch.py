"""Save a PyTorch character model so rnnscope can open it.

rnnscope reads safetensors files whose keys are PyTorch state_dict names: an optional
nn.Embedding, one nn.RNN / nn.LSTM / nn.GRU (any number of layers, batch_first or not,
not bidirectional) and an nn.Linear head, under any module names. It infers the cell,
sizes and input kind from the shapes.

    pip install torch safetensors
    python export_pytorch.py            # trains briefly, writes char_lstm.safetensors
    rnnscope inspect char_lstm.safetensors
    rnnscope eval --weights char_lstm.safetensors --text some.txt
    rnnscope sample --weights char_lstm.safetensors --prime "The " --length 200
    rnnscope tui --weights char_lstm.safetensors      (when the TUI opens imported models)

The vocabulary is bytes (token = byte value, 256 symbols), the same as rnnscope's text tasks.
For another vocabulary, save a JSON list of the characters in index order and pass
--vocab FILE.
"""
import torch
import torch.nn as nn
from safetensors.torch import save_file


class CharLSTM(nn.Module):
    def __init__(self, embedding=16, hidden=64, layers=1):
        super().__init__()
        self.encoder = nn.Embedding(256, embedding)
        self.lstm = nn.LSTM(embedding, hidden, num_layers=layers, batch_first=True)
        self.decoder = nn.Linear(hidden, 256)

    def forward(self, tokens):  # (B, T) -> (B, T, 256)
        states, _ = self.lstm(self.encoder(tokens))
        return self.decoder(states)


def main():
    text = open(__file__, "rb").read()  # any bytes will do for a demonstration
    data = torch.tensor(list(text), dtype=torch.long)
    model = CharLSTM()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(200):
        starts = torch.randint(0, len(data) - 65, (16,))
        batch = torch.stack([data[s : s + 65] for s in starts])
        logits = model(batch[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, 256), batch[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    # state_dict names (encoder.weight, lstm.weight_ih_l0, ..., decoder.bias) are what rnnscope reads.
    tensors = {name: value.detach().contiguous() for name, value in model.state_dict().items()}
    save_file(tensors, "char_lstm.safetensors", metadata={"format": "pt"})
    print(f"saved char_lstm.safetensors (final training loss {loss.item():.3f})")


if __name__ == "__main__":
    main()
