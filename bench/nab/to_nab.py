#!/usr/bin/env python3
"""Turns `vigil watch --no-follow --scores` NDJSON for one NAB data file into the two result CSVs NAB scores:
DIR/scores/<category>/<file> (anomaly_score = Vigil's score) and DIR/alerts/<category>/<file> (1 where Vigil itself
raised an alert, else 0). Rows without a scored value (none in NAB) get 0.

Usage: to_nab.py DATA_CSV CATEGORY RESULTS_DIR < scores.ndjson
"""
import csv
import json
import os
import sys


def main():
    data_csv, category, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(data_csv, newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        stamps = [row[0] for row in reader]
    score = [0.0] * len(stamps)
    alert = [0] * len(stamps)
    for line in sys.stdin:
        rec = json.loads(line)
        if rec["series"] != "value":
            continue
        score[rec["row"]] = rec["score"]
        alert[rec["row"]] = 1 if rec["alert"] else 0
    name = os.path.basename(data_csv)
    for kind, values in (("scores", score), ("alerts", alert)):
        folder = os.path.join(out, kind, category)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", newline="") as fh:
            fh.write("timestamp,anomaly_score\n")
            for t, v in zip(stamps, values):
                fh.write("%s,%r\n" % (t, v))


if __name__ == "__main__":
    main()
