"""PyTorch timing for the @gradkit/conv benchmark (one thread, float32). Prints JSON.

Cases mirror bench/index.ts: the MNIST-1D conv stack (batch 100), a 2-D conv (batch 8,
3->16 channels, 32x32, k=3) and one SGD step of Convolution III's network (batch 64).
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)


def best(fn, reps):
    fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return min(ts)


out = {}
# MNIST-1D conv stack of figure 10.7, batch 100
x = torch.randn(100, 1, 40)
ws = [torch.randn(15, 1, 3, requires_grad=True), torch.randn(15, 15, 3, requires_grad=True), torch.randn(15, 15, 3, requires_grad=True)]


def stack_fwd():
    h = x
    for w in ws:
        h = F.relu(F.conv1d(h, w, stride=2))
    return h


def stack_fwd_bwd():
    stack_fwd().sum().backward()


with torch.no_grad():
    out["mnist1d_forward"] = best(stack_fwd, 50)
out["mnist1d_forward_backward"] = best(stack_fwd_bwd, 50)
# 2-D case: batch 8, 3 -> 16 channels, 32x32, k=3, padding 1
x2 = torch.randn(8, 3, 32, 32)
w2 = torch.randn(16, 3, 3, 3, requires_grad=True)
with torch.no_grad():
    out["conv2d_forward"] = best(lambda: F.conv2d(x2, w2, padding=1), 50)
out["conv2d_forward_backward"] = best(lambda: F.conv2d(x2, w2, padding=1).sum().backward(), 50)
# one SGD step of Convolution III's network, batch 64
net = torch.nn.Sequential(
    torch.nn.Conv2d(1, 10, 5), torch.nn.MaxPool2d(2), torch.nn.ReLU(),
    torch.nn.Conv2d(10, 20, 5), torch.nn.Dropout2d(0.5), torch.nn.MaxPool2d(2), torch.nn.ReLU(),
    torch.nn.Flatten(), torch.nn.Linear(320, 50), torch.nn.ReLU(), torch.nn.Linear(50, 10), torch.nn.LogSoftmax(1),
)
opt = torch.optim.SGD(net.parameters(), lr=0.01)
xm = torch.rand(64, 1, 28, 28)
ym = torch.arange(64) % 10


def train_step():
    opt.zero_grad()
    F.nll_loss(net(xm), ym).backward()
    opt.step()


out["mnist_convnet_train_step"] = best(train_step, 20)
json.dump(out, sys.stdout)
