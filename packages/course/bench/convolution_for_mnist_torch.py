"""Notebook 10.5's PyTorch training loop (its Net, weights_init, SGD lr 0.01 momentum 0.5, shuffled
batches of 64), timed per epoch on the data the gradkit side trains on. Used by
bench/convolution_for_mnist.ts:

    /usr/bin/python3 convolution_for_mnist_torch.py DATA_DIR EPOCHS [THREADS]

DATA_DIR holds x.npy (float32 [N, 1, 28, 28], already normalized) and y.npy (int64 [N]). Prints one
JSON line: {"epochs": [wall seconds of each epoch], "cpu": [process CPU seconds of each epoch],
"threads", "torch"}.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

data_dir, n_epochs = sys.argv[1], int(sys.argv[2])
if len(sys.argv) > 3:
    torch.set_num_threads(int(sys.argv[3]))
x = torch.tensor(np.load(os.path.join(data_dir, "x.npy")))
y = torch.tensor(np.load(os.path.join(data_dir, "y.npy")).astype(np.int64))


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 2, kernel_size=3)
        self.drop = nn.Dropout2d()
        self.fc1 = nn.Linear(338, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = self.drop(x)
        x = F.max_pool2d(x, 2)
        x = F.relu(x)
        x = x.flatten(1)
        x = self.fc1(x)
        x = F.log_softmax(x, dim=1)
        return x


def weights_init(layer_in):
    if isinstance(layer_in, nn.Linear):
        nn.init.kaiming_uniform_(layer_in.weight)
        layer_in.bias.data.fill_(0.0)


torch.manual_seed(1)
model = Net()
model.apply(weights_init)
optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
train_loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
times, cpu = [], []
for epoch in range(n_epochs):
    t0, c0 = time.perf_counter(), time.process_time()
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        if batch_idx % 10 == 0:
            loss.item()  # the notebook prints it
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"epochs": times, "cpu": cpu, "threads": torch.get_num_threads(), "torch": torch.__version__}))
