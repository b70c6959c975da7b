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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tests", "fixtures"))

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from gen_udl_diffusion_1d import run_notebook  # noqa: E402

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
best_train = best_sample = float("inf")
for _ in range(repeats):
    *_, seconds_train, seconds_sample = run_notebook()
    best_train = min(best_train, seconds_train)
    best_sample = min(best_sample, seconds_sample)
print(json.dumps({"train": best_train, "sample": best_sample, "numpy": np.__version__, "scipy": scipy.__version__}))
