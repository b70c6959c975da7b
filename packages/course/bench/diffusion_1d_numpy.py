"""Notebook 18.2's numpy/scipy code, timed: the training (the data, then the 100 lookup tables)
and the sampling (100,000 samples through the 100 steps), run from np.random.seed(0) exactly as
tests/fixtures/gen_udl_diffusion_1d.py runs it (the notebook's code is imported from there, one
copy). Used by bench/diffusion_1d.ts:

    /usr/bin/python3 diffusion_1d_numpy.py [REPEATS]

Prints one JSON line: {"train": best seconds, "sample": best seconds, "numpy", "scipy"}.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tests", "fixtures"))

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from gen_udl_diffusion_1d import NonParametricModel, TrueDataDistribution, get_data_pairs, sample  # noqa: E402

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
best_train = best_sample = float("inf")
for _ in range(repeats):
    np.random.seed(0)
    t0 = time.perf_counter()
    x_train = TrueDataDistribution().sample(100000)
    all_models = []
    for t in range(0, 100):
        zt, zt_minus1 = get_data_pairs(x_train, t + 1, 0.01511)
        all_models.append(NonParametricModel())
        all_models[t].train(zt, zt_minus1)
    t1 = time.perf_counter()
    samples = sample(all_models, 100, 0.12288, 100000)
    t2 = time.perf_counter()
    best_train = min(best_train, t1 - t0)
    best_sample = min(best_sample, t2 - t1)
print(json.dumps({"train": best_train, "sample": best_sample, "numpy": np.__version__, "scipy": scipy.__version__}))
