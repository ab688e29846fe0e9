#!/usr/bin/env python3
"""Deterministic request-log CSV for the side-by-side scan benchmark (issue 8).

Columns: id (sequential), latency_ms (normal(100, 15), 3 decimals), bytes (log-normal, integer),
status (text: ok / not_found / error, 95/4/1 %). A planted outlier every 100,000 rows (latency ×20, bytes ×50).
Usage: gen_requests.py ROWS OUT.csv      (10M rows ≈ 248 MB; 40M rows ≈ 1 GB)
Standard library only, seeded, so every machine writes the same bytes.
"""
import math
import random
import sys


def main() -> None:
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20261204)
    gauss = rng.gauss
    rand = rng.random
    chunk = 100_000
    with open(out, "w", encoding="ascii", newline="\n") as f:
        f.write("id,latency_ms,bytes,status\n")
        for start in range(0, rows, chunk):
            lines = []
            for i in range(start, min(rows, start + chunk)):
                lat = 100.0 + 15.0 * gauss(0.0, 1.0)
                b = int(math.exp(7.0 + 0.5 * gauss(0.0, 1.0)))
                u = rand()
                status = "ok" if u < 0.95 else ("not_found" if u < 0.99 else "error")
                if i % 100_000 == 99_999:
                    lat *= 20.0
                    b *= 50
                lines.append("%d,%.3f,%d,%s\n" % (i, lat, b, status))
            f.write("".join(lines))


if __name__ == "__main__":
    main()
