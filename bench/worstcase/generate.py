#!/usr/bin/env python3
"""Writes 1 MB worst-case inputs for every text format Vigil parses (issue 14, acceptance 3).

Four shapes per format, each about SIZE bytes:
  deep     nesting as deep as the format allows (brackets, elements, indentation, quoted nesting in a field);
  unique   a new key on every line/record, so every record adds a column that is missing everywhere else;
  hugeline one line (one record) holding nearly all of the bytes;
  wide     one record with as many columns as fit.
Usage: generate.py OUTDIR [SIZE]   (files are OUTDIR/<format>.<shape>)
"""
import json
import os
import sys

SIZE = 1_000_000


def fill(make_line, size=SIZE):
    """Lines make_line(i) until size bytes."""
    out, n, i = [], 0, 0
    while n < size:
        line = make_line(i)
        out.append(line)
        n += len(line) + 1
        i += 1
    return "\n".join(out) + "\n"


def wide_fields(sep, kv, size=SIZE):
    parts, n, i = [], 0, 0
    while n < size:
        p = kv(i)
        parts.append(p)
        n += len(p) + len(sep)
        i += 1
    return sep.join(parts)


def json_family(record_prefix=None):
    def deep():
        d = (SIZE - 16) // 6
        return '{"a":' * d + "1" + "}" * d + "\n"

    def unique():
        return fill(lambda i: json.dumps({**(record_prefix or {}), f"k{i}": i}, separators=(",", ":")))

    def hugeline():
        return json.dumps({**(record_prefix or {}), "a": "x" * (SIZE - 64)}) + "\n"

    def wide():
        return "{" + wide_fields(",", lambda i: f'"c{i}":{i}') + "}\n"

    return {"deep": deep, "unique": unique, "hugeline": hugeline, "wide": wide}


def kv_lines(prefix, sep=" ", eq="="):
    return {
        "deep": lambda: prefix + "a" + eq + '"' + "[" * (SIZE - 32) + '"\n',
        "unique": lambda: fill(lambda i: f"{prefix}k{i}{eq}{i}"),
        "hugeline": lambda: prefix + "a" + eq + "x" * (SIZE - 64) + "\n",
        "wide": lambda: prefix + wide_fields(sep, lambda i: f"c{i}{eq}{i}") + "\n",
    }


def delimited(sep):
    return {
        "deep": lambda: "a\n" + '"' + '""' * ((SIZE - 8) // 2) + '"\n',
        "unique": lambda: "a" + sep + "b\n" + fill(lambda i: f"v{i}{sep}{i}"),
        "hugeline": lambda: "a" + sep + "b\n" + "x" * (SIZE - 16) + sep + "1\n",
        "wide": lambda: wide_fields(sep, lambda i: f"c{i}", SIZE // 2) + "\n" + wide_fields(sep, lambda i: str(i % 10), SIZE // 2) + "\n",
    }


SYSLOG = "<13>Jan  1 00:00:00 host app[1]: "
CEF = "CEF:0|Vendor|Product|1.0|100|name|5|"
LEEF = "LEEF:2.0|Vendor|Product|1.0|100|^|"
ACCESS = '127.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "GET /{} HTTP/1.1" 200 {} "-" "ua"'
ZEEK_HEAD = "#separator \\x09\n#fields\tts\tuid\n#types\ttime\tstring\n"
PROM = "# TYPE m gauge\n"
AUDITD = "type=SYSCALL msg=audit(1700000000.000:{}): "
DNS = "01-Jan-2024 00:00:00.000 queries: info: client @0x1 127.0.0.1#53 ({0}): query: {0} IN A +E(0) (127.0.0.1)"
CRI = "2024-01-01T00:00:00.000000000Z stdout F "
NETFLOW = "ts,te,sa,da,sp,dp,pr,ipkt,ibyt\n"
VPC = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"


def formats():
    f = {}
    for name in ["json", "ndjson", "otlp", "cloudtrail", "eve", "osquery", "journal", "vigil-audit"]:
        f[name] = json_family()
    f["json"]["unique"] = lambda: "[" + ",".join(json.dumps({f"k{i}": i}) for i in range(SIZE // 18)) + "]\n"
    f["logfmt"] = kv_lines("")
    f["cef"] = kv_lines(CEF)
    f["leef"] = kv_lines(LEEF, sep="\t")
    f["syslog"] = kv_lines(SYSLOG)
    f["cri"] = kv_lines(CRI)
    f["auditd"] = {
        "deep": lambda: AUDITD.format(1) + 'a="' + "(" * (SIZE - 64) + '"\n',
        "unique": lambda: fill(lambda i: AUDITD.format(i) + f"k{i}={i}"),
        "hugeline": lambda: AUDITD.format(1) + "a=" + "x" * (SIZE - 64) + "\n",
        "wide": lambda: AUDITD.format(1) + wide_fields(" ", lambda i: f"c{i}={i}") + "\n",
    }
    f["accesslog"] = {
        "deep": lambda: ACCESS.replace("/{}", "/" + "(" * (SIZE - 128)).format(1) + "\n",
        "unique": lambda: fill(lambda i: ACCESS.format(f"k{i}", i)),
        "hugeline": lambda: ACCESS.format("x" * (SIZE - 128), 1) + "\n",
        "wide": lambda: ACCESS.format(1, 1) + " " + wide_fields(" ", lambda i: f'"c{i}"') + "\n",
    }
    f["dns"] = {
        "deep": lambda: DNS.format("a." * ((SIZE - 256) // 4)) + "\n",
        "unique": lambda: fill(lambda i: DNS.format(f"k{i}.example")),
        "hugeline": lambda: DNS.format("x" * ((SIZE - 256) // 2)) + "\n",
        "wide": lambda: DNS.format("w") + " " + wide_fields(" ", lambda i: f"c{i}") + "\n",
    }
    f["zeek"] = {
        "deep": lambda: ZEEK_HEAD + "1.0\t" + "[" * (SIZE - 128) + "\n",
        "unique": lambda: ZEEK_HEAD + fill(lambda i: f"{i}.0\tk{i}"),
        "hugeline": lambda: ZEEK_HEAD + "1.0\t" + "x" * (SIZE - 128) + "\n",
        "wide": lambda: "#separator \\x09\n#fields\t" + wide_fields("\t", lambda i: f"c{i}", SIZE // 2) + "\n" + wide_fields("\t", lambda i: str(i % 10), SIZE // 2) + "\n",
    }
    f["prometheus"] = {
        "deep": lambda: PROM + "m{a=\"" + "{" * (SIZE - 64) + "\"} 1\n",
        "unique": lambda: PROM + fill(lambda i: f'm{{k{i}="{i}"}} {i}'),
        "hugeline": lambda: PROM + 'm{a="' + "x" * (SIZE - 64) + '"} 1\n',
        "wide": lambda: PROM + "m{" + wide_fields(",", lambda i: f'c{i}="{i}"') + "} 1\n",
    }
    f["xml"] = {
        "deep": lambda: "<a>" * ((SIZE - 32) // 7) + "</a>" * ((SIZE - 32) // 7) + "\n",
        "unique": lambda: "<r>" + "".join(f"<e><k{i}>{i}</k{i}></e>" for i in range(SIZE // 27)) + "</r>\n",
        "hugeline": lambda: "<r><e><a>" + "x" * (SIZE - 64) + "</a></e><e><a>1</a></e></r>\n",
        "wide": lambda: "<r><e " + wide_fields(" ", lambda i: f'c{i}="{i}"') + "/><e c0=\"1\"/></r>\n",
    }
    f["yaml"] = {
        "deep": lambda: "a: " + "[" * ((SIZE - 8) // 2) + "]" * ((SIZE - 8) // 2) + "\n",
        "unique": lambda: "".join(f"- k{i}: {i}\n" for i in range(SIZE // 15)),
        "hugeline": lambda: "a: " + "x" * (SIZE - 16) + "\n",
        "wide": lambda: "".join(f"c{i}: {i}\n" for i in range(SIZE // 14)),
    }
    f["toml"] = {
        "deep": lambda: "a = " + "[" * ((SIZE - 8) // 2) + "]" * ((SIZE - 8) // 2) + "\n",
        "unique": lambda: "".join(f"[[r]]\nk{i} = {i}\n" for i in range(SIZE // 20)),
        "hugeline": lambda: 'a = "' + "x" * (SIZE - 16) + '"\n',
        "wide": lambda: "".join(f"c{i} = {i}\n" for i in range(SIZE // 15)),
    }
    f["ini"] = {
        "deep": lambda: "[" * (SIZE - 8) + "]\n",
        "unique": lambda: "".join(f"[s{i}]\nk{i}={i}\n" for i in range(SIZE // 20)),
        "hugeline": lambda: "[s]\na=" + "x" * (SIZE - 16) + "\n",
        "wide": lambda: "[s]\n" + "".join(f"c{i}={i}\n" for i in range(SIZE // 12)),
    }
    f["csv"] = delimited(",")
    f["tsv"] = delimited("\t")
    f["netflow"] = {
        "deep": lambda: NETFLOW + '"' + "[" * (SIZE - 128) + '",1,1,1,1,1,1,1,1\n',
        "unique": lambda: NETFLOW + fill(lambda i: f"2024-01-01 00:00:00,2024-01-01 00:00:01,10.0.{i % 250}.1,10.0.0.2,{i % 65535},53,UDP,1,{i}"),
        "hugeline": lambda: NETFLOW + "x" * (SIZE - 128) + ",1,1,1,1,1,1,1,1\n",
        "wide": lambda: wide_fields(",", lambda i: f"c{i}", SIZE // 2) + "\n" + wide_fields(",", lambda i: str(i % 10), SIZE // 2) + "\n",
    }
    f["vpcflow"] = {
        "deep": lambda: VPC + "2 1 eni " + "[" * (SIZE - 256) + " 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK\n",
        "unique": lambda: VPC + fill(lambda i: f"2 1 eni-{i} 10.0.{i % 250}.1 10.0.0.2 {i % 65535} 53 17 1 {i} 1 2 ACCEPT OK"),
        "hugeline": lambda: VPC + "2 1 " + "x" * (SIZE - 256) + " 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK\n",
        "wide": lambda: wide_fields(" ", lambda i: f"c{i}", SIZE // 2) + "\n" + wide_fields(" ", lambda i: str(i % 10), SIZE // 2) + "\n",
    }
    return f


def main():
    out = sys.argv[1]
    global SIZE
    if len(sys.argv) > 2:
        SIZE = int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for name, shapes in formats().items():
        for shape, make in shapes.items():
            with open(os.path.join(out, f"{name}.{shape}"), "w", encoding="utf-8") as fh:
                fh.write(make())


if __name__ == "__main__":
    main()
