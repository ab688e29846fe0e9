#!/usr/bin/env python3
"""usage: measure.py LABEL N CMD...: median and min of wall time and process CPU (user+sys) over N runs of CMD."""
import os, resource, statistics, subprocess, sys, time
label, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
walls, cpus = [], []
for _ in range(n):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
ms = lambda v: f"{v*1000:5.0f} ms"
print(f"{label:34s} cpu median {ms(statistics.median(cpus))} min {ms(min(cpus))} | wall median {ms(statistics.median(walls))} min {ms(min(walls))}  (n={n})")
