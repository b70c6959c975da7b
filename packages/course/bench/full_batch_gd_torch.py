"""Notebook 20.2's PyTorch loop, verbatim (the four networks of its TODOs, weights_init, train_model
and the four training cells in their order), timed on the data the gradkit side trains on. Used by
bench/full_batch_gd.ts:

    /usr/bin/python3 full_batch_gd_torch.py DATA_DIR EPOCHS_DEEP EPOCHS_ONE [THREADS]

DATA_DIR holds x.npy (the notebook's data['x'], [4000, 40]) and y.npy. EPOCHS_DEEP: the epochs of
the 2-, 3- and 4-layer networks (the notebook: 200000), EPOCHS_ONE: the one-layer network's
(500000). The notebook's display every 10 epochs (clear_output + display) is left out: it only
redraws a Jupyter cell. Prints one JSON line: {"seconds": wall time of the four trainings,
"threads", "torch", "errors": the final training error of each network (4, 3, 2, 1 layers)}.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

data_dir, epochs_deep, epochs_one = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if len(sys.argv) > 4:
    torch.set_num_threads(int(sys.argv[4]))
data = {k: np.load(os.path.join(data_dir, f"{k}.npy")) for k in ["x", "y"]}

D_i = 40
D_o = 10
model_1_layer = nn.Sequential(nn.Linear(D_i, 298), nn.ReLU(), nn.Linear(298, D_o))
model_2_layer = nn.Sequential(nn.Linear(D_i, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, D_o))
model_3_layer = nn.Sequential(nn.Linear(D_i, 75), nn.ReLU(), nn.Linear(75, 75), nn.ReLU(), nn.Linear(75, 75), nn.ReLU(),
                              nn.Linear(75, D_o))
model_4_layer = nn.Sequential(nn.Linear(D_i, 63), nn.ReLU(), nn.Linear(63, 63), nn.ReLU(), nn.Linear(63, 63), nn.ReLU(),
                              nn.Linear(63, 63), nn.ReLU(), nn.Linear(63, D_o))


def weights_init(layer_in):
    if isinstance(layer_in, nn.Linear):
        nn.init.kaiming_uniform_(layer_in.weight)
        layer_in.bias.data.fill_(0.0)


def train_model(model, train_data_x, train_data_y, n_epoch):
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0025, momentum=0.0)
    x_train = torch.tensor(train_data_x.transpose().astype('float32'))
    y_train = torch.tensor(train_data_y.astype('long'))
    data_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=4000, shuffle=False, worker_init_fn=np.random.seed(1))
    model.apply(weights_init)
    errors_train = np.zeros((n_epoch))
    for epoch in range(n_epoch):
        for i, data in enumerate(data_loader):
            x_batch, y_batch = data
            optimizer.zero_grad()
            pred = model(x_batch)
            loss = loss_function(pred, y_batch)
            _, predicted_train_class = torch.max(pred.data, 1)
            errors_train[epoch] = 100 - 100 * (predicted_train_class == y_train).float().sum() / len(y_train)
            loss.backward()
            optimizer.step()
    return errors_train


train_data_x = data['x'].transpose()
train_data_y = data['y']
t0 = time.perf_counter()
errors_four_layers = train_model(model_4_layer, train_data_x, train_data_y, n_epoch=epochs_deep)
errors_three_layers = train_model(model_3_layer, train_data_x, train_data_y, n_epoch=epochs_deep)
errors_two_layers = train_model(model_2_layer, train_data_x, train_data_y, n_epoch=epochs_deep)
errors_one_layer = train_model(model_1_layer, train_data_x, train_data_y, n_epoch=epochs_one)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__,
                  "errors": [float(e[-1]) for e in [errors_four_layers, errors_three_layers, errors_two_layers, errors_one_layer]]}))
