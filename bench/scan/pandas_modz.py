#!/usr/bin/env python3
"""What a data user writes instead of `vigil scan`: pandas read_csv, then per numeric column the
median, MAD×1.4826 and the count of modified z-scores 0.6745·|x−median|/MAD above 3.5.
Usage: pandas_modz.py FILE.csv   (prints one line per column)
"""
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1])
for name in df.columns:
    col = df[name]
    if not np.issubdtype(col.dtype, np.number):
        continue
    x = col.to_numpy(dtype=np.float64)
    med = np.median(x)
    mad = np.median(np.abs(x - med)) * 1.4826
    flagged = int(np.count_nonzero(0.6745 * np.abs(x - med) / mad > 3.5)) if mad > 0 else 0
    print(f"{name}: median={med} mad={mad} flagged={flagged}")
