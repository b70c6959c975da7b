"""Notebook 8.3's PyTorch loop, verbatim (get_model, weights_init, fit_model, count_parameters and
the sweep cell), timed on the data the gradkit side trains on. Used by bench/index.ts:

    /usr/bin/python3 double_descent_torch.py DATA_DIR WIDTHS N_EPOCH [THREADS]

DATA_DIR holds x.npy, y.npy, x_test.npy, y_test.npy (the notebook's data, label noise included,
written by the benchmark). Prints one JSON line: {"seconds": wall time of the sweep, "threads",
"torch", "errors_train", "errors_test"}.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

data_dir, widths, n_epoch = sys.argv[1], [int(w) for w in sys.argv[2].split(",")], int(sys.argv[3])
if len(sys.argv) > 4:
    torch.set_num_threads(int(sys.argv[4]))
data = {k: np.load(os.path.join(data_dir, f"{k}.npy")) for k in ["x", "y", "x_test", "y_test"]}


def weights_init(layer_in):
    if isinstance(layer_in, nn.Linear):
        nn.init.kaiming_uniform_(layer_in.weight)
        layer_in.bias.data.fill_(0.0)


def get_model(n_hidden):
    D_i = 40
    D_k = n_hidden
    D_o = 10
    model = nn.Sequential(nn.Linear(D_i, D_k), nn.ReLU(), nn.Linear(D_k, D_k), nn.ReLU(), nn.Linear(D_k, D_o))
    model.apply(weights_init)
    return model


def fit_model(model, data, n_epoch):
    loss_function = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x_train = torch.tensor(data['x'].astype('float32'))
    y_train = torch.tensor(data['y'].transpose().astype('long'))
    x_test = torch.tensor(data['x_test'].astype('float32'))
    y_test = torch.tensor(data['y_test'].astype('long'))
    data_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=100, shuffle=True, worker_init_fn=np.random.seed(1))
    for epoch in range(n_epoch):
        for i, batch in enumerate(data_loader):
            x_batch, y_batch = batch
            optimizer.zero_grad()
            pred = model(x_batch)
            loss = loss_function(pred, y_batch)
            loss.backward()
            optimizer.step()
        pred_train = model(x_train)
        pred_test = model(x_test)
        _, predicted_train_class = torch.max(pred_train.data, 1)
        _, predicted_test_class = torch.max(pred_test.data, 1)
        errors_train = 100 - 100 * (predicted_train_class == y_train).float().sum() / len(y_train)
        errors_test = 100 - 100 * (predicted_test_class == y_test).float().sum() / len(y_test)
        losses_train = loss_function(pred_train, y_train).item()
        losses_test = loss_function(pred_test, y_test).item()
        if epoch % 100 == 0:
            print(f'Epoch {epoch:5d}, train loss {losses_train:.6f}, train error {errors_train:3.2f},  test loss {losses_test:.6f}, test error {errors_test:3.2f}', file=sys.stderr)
    return errors_train, errors_test


def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


hidden_variables = np.array(widths)
errors_train_all = np.zeros_like(hidden_variables)
errors_test_all = np.zeros_like(hidden_variables)
total_weights_all = np.zeros_like(hidden_variables)
t0 = time.perf_counter()
for c_hidden in range(len(hidden_variables)):
    print(f'Training model with {hidden_variables[c_hidden]:3d} hidden variables', file=sys.stderr)
    model = get_model(hidden_variables[c_hidden])
    total_weights_all[c_hidden] = count_parameters(model)
    errors_train, errors_test = fit_model(model, data, n_epoch)
    errors_train_all[c_hidden] = errors_train
    errors_test_all[c_hidden] = errors_test
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__,
                  "errors_train": errors_train_all.tolist(), "errors_test": errors_test_all.tolist()}))
