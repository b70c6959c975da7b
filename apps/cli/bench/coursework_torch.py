"""PyTorch baseline for `gradkit train` (apps/cli/bench/index.ts): the CM20315 Coursework II loop
(MLP) and Convolution II loop (figure 10.7 CNN) as in the notebooks, one CPU thread, timing the
50-epoch run including the per-epoch full-set evaluation.

Usage: /usr/bin/python3 coursework_torch.py DATA_DIR mlp|cnn EPOCHS SEED
Prints one JSON line: {"seconds", "cpuSeconds" (process CPU time), "trainError", "valError", "epochs", "torch", "maxRssMiB"} (peak
resident memory of the whole Python process, from getrusage).
"""
import json
import random
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader, TensorDataset

data_dir, kind, n_epoch, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(1)

train_data_x = np.load(f"{data_dir}/train_data_x.npy")
train_data_y = np.load(f"{data_dir}/train_data_y.npy")
val_data_x = np.load(f"{data_dir}/val_data_x.npy")
val_data_y = np.load(f"{data_dir}/val_data_y.npy")

torch.manual_seed(seed)  # the Conv1d layers keep PyTorch's default init: make it reproducible
if kind == "mlp":
    model = nn.Sequential(nn.Linear(40, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))
    shape = lambda x: x
else:
    model = nn.Sequential(
        nn.Conv1d(1, 15, 3, stride=2), nn.ReLU(),
        nn.Conv1d(15, 15, 3, stride=2), nn.ReLU(),
        nn.Conv1d(15, 15, 3, stride=2), nn.ReLU(),
        nn.Flatten(), nn.Linear(60, 10))
    shape = lambda x: x[:, None, :]


def weights_init(layer_in):
    if isinstance(layer_in, nn.Linear):
        nn.init.kaiming_uniform_(layer_in.weight)
        layer_in.bias.data.fill_(0.0)


torch.manual_seed(seed)
np.random.seed(seed)
random.seed(seed)

t0 = time.perf_counter()
c0 = time.process_time()
loss_function = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
scheduler = StepLR(optimizer, step_size=10, gamma=0.5)
x_train = torch.tensor(train_data_x.transpose().astype("float32"))
y_train = torch.tensor(train_data_y.astype("long"))
x_val = torch.tensor(val_data_x.transpose().astype("float32"))
y_val = torch.tensor(val_data_y.astype("long"))
data_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=100, shuffle=True)
model.apply(weights_init)
errors_train = np.zeros(n_epoch)
errors_val = np.zeros(n_epoch)
for epoch in range(n_epoch):
    for x_batch, y_batch in data_loader:
        optimizer.zero_grad()
        loss = loss_function(model(shape(x_batch)), y_batch)
        loss.backward()
        optimizer.step()
    pred_train = model(shape(x_train))
    pred_val = model(shape(x_val))
    _, predicted_train_class = torch.max(pred_train.data, 1)
    _, predicted_val_class = torch.max(pred_val.data, 1)
    errors_train[epoch] = 100 - 100 * (predicted_train_class == y_train).float().sum() / len(y_train)
    errors_val[epoch] = 100 - 100 * (predicted_val_class == y_val).float().sum() / len(y_val)
    loss_function(pred_train, y_train).item()
    loss_function(pred_val, y_val).item()
    scheduler.step()
seconds = time.perf_counter() - t0
cpu_seconds = time.process_time() - c0
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "trainError": float(errors_train[-1]), "valError": float(errors_val[-1]),
                  "epochs": n_epoch, "torch": torch.__version__,
                  "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
