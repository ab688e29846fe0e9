# Deterministic 1M-row, 4-column CSV for the scan benchmark (no RNG state outside this file).
# Park–Miller LCG: x·16807 stays below 2^53, so every awk computes the same integers exactly.
# Columns: ts (epoch seconds, strictly increasing → sequence role), host (10-way categorical),
# latency_ms (float measurement with rare spikes), bytes (int measurement).
BEGIN {
    n = (rows ? rows : 1000000)
    x = 42
    print "ts,host,latency_ms,bytes"
    for (i = 0; i < n; i++) {
        x = (x * 16807) % 2147483647
        u = x / 2147483647
        x = (x * 16807) % 2147483647
        v = x / 2147483647
        lat = 20 + 10 * u + 5 * v
        if (i % 99991 == 7) lat = lat * 40
        b = 1000 + int(9000 * v)
        printf "%d,h%d,%.3f,%d\n", 1700000000 + i * 5, i % 10, lat, b
    }
}
