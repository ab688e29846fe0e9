# A metric series for the watch benchmark: `timestamp,value` at a 10 s cadence, a daily cycle plus deterministic
# noise, and a spike every 100,000 rows. Usage: awk -v rows=N -f gen.awk
BEGIN {
    print "timestamp,value"
    t0 = 1700000000
    seed = 12345
    for (i = 0; i < rows; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        v = 50 + 20 * sin(2 * 3.141592653589793 * (i % 8640) / 8640) + (seed % 1000) / 100
        if (i % 100000 == 99999) v += 200
        printf "%d,%.2f\n", t0 + 10 * i, v
    }
}
