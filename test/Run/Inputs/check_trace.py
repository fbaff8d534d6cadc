#!/usr/bin/env python3
"""Checks a Chrome trace-event file written by RunOptions::profile.

usage: check_trace.py TRACE.json STATS.txt

STATS.txt holds ag-run --stats output ("ops executed: N, ..."). Checks that
the file parses as JSON, that every complete ("X") slice has a name, a
thread, a start and a duration, that the slices of each thread nest (a
slice that starts inside another ends inside it), that there is one node
slice per executed node, and that node slices name their source line. Prints
a summary line for FileCheck.
"""
import json
import re
import sys


def fail(msg):
    print("check_trace: error: " + msg)
    sys.exit(1)


with open(sys.argv[1]) as f:
    trace = json.load(f)
stats = open(sys.argv[2]).read()
m = re.search(r"ops executed: (\d+)", stats)
if not m:
    fail("no 'ops executed' in " + sys.argv[2])
executed = int(m.group(1))

slices = [e for e in trace["traceEvents"] if e.get("ph") == "X"]
for e in slices:
    for key in ("name", "ts", "dur", "tid", "pid", "cat"):
        if key not in e:
            fail("slice without '%s': %r" % (key, e))
nodes = [e for e in slices if e["cat"] == "node"]
regions = [e for e in slices if e["cat"] == "region"]
if len(nodes) != executed:
    fail("%d node slices, but %d nodes executed" % (len(nodes), executed))

# Nesting: per thread, sorted by start (longer first at equal starts), every
# slice lies inside the innermost open slice or after it. Compare in integer
# nanoseconds (the file has exact microseconds with three decimals).
def ns(v):
    return round(v * 1000)

depth = 0
for tid in sorted({e["tid"] for e in slices}):
    mine = sorted((e for e in slices if e["tid"] == tid),
                  key=lambda e: (ns(e["ts"]), -ns(e["dur"])))
    stack = []
    for e in mine:
        start, end = ns(e["ts"]), ns(e["ts"]) + ns(e["dur"])
        while stack and start >= stack[-1][1]:
            stack.pop()
        if stack and end > stack[-1][1]:
            fail("slice %r overlaps %r without nesting" % (e, stack[-1][2]))
        stack.append((start, end, e))
        depth = max(depth, len(stack))

with_source = [e for e in nodes if "source" in e.get("args", {})]
print("node slices: %d (one per executed node)" % len(nodes))
print("region slices: %d" % len(regions))
print("max nesting depth: %d" % depth)
print("node slices with a source line: %d" % len(with_source))
for name in sorted({e["name"] for e in regions}):
    print("region: " + name)
for e in sorted(nodes, key=lambda e: e["args"].get("source", "")):
    print("node: %s at %s bytes %d" % (e["name"], e["args"].get("source", "?"),
                                        e["args"]["bytes"]))
