#!/usr/bin/env python3
"""Prints a fuzz artifact as a Rust byte-string literal, for tests/fuzz_regressions.rs."""
import sys

data = open(sys.argv[1], "rb").read()
out = []
for b in data:
    c = chr(b)
    if c == '"':
        out.append('\\"')
    elif c == "\\":
        out.append("\\\\")
    elif 0x20 <= b < 0x7F:
        out.append(c)
    elif c == "\n":
        out.append("\\n")
    else:
        out.append("\\x%02X" % b)
print('b"' + "".join(out) + '"')
