"""PyTorch timing for the nn bench: forward + backward of the coursework MLP (40-100-100-10,
batch 100, float32, cross-entropy). Prints one JSON line: seconds per step with 1 thread and with
PyTorch's default thread count. Exit code 3 when torch is not importable."""
import json
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except Exception:  # noqa: BLE001
    sys.exit(3)


def bench(threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(40, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))
    x = torch.randn(100, 40)
    y = torch.randint(0, 10, (100,))

    def step():
        model.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()

    step()
    best = float('inf')
    for _ in range(3):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.3:
            step()
            n += 1
        best = min(best, (time.perf_counter() - t0) / n)
    return best


default_threads = torch.get_num_threads()
print(json.dumps({'version': torch.__version__, 'one_thread': bench(1), 'default_threads': default_threads, 'default': bench(default_threads)}))
