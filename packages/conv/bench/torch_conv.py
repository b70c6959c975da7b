"""PyTorch timing for the @gradkit/conv benchmark (one thread, float32). Prints JSON."""
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
json.dump(out, sys.stdout)
