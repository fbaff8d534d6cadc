#!/usr/bin/env python3
"""Compile cost of a converted translation unit against its original.

Generates a file of N small AG_CONVERT functions (a fixed rotation of
if/else, while, for with break, do/while with continue, early return, ?:,
&&/||, range-for, std::cout/ag::print/printf; or agsmith's random programs
with --agsmith), converts it with the build's ag-convert, and compiles the
original and the converted file with each compiler at each mode, reporting
CPU time (user+sys, robust on a loaded machine) and peak RSS from
/usr/bin/time -v, best of --runs, and the converted/original ratios.

  python3 benchmarks/compile_cost.py                      # N=200, 28; all modes
  python3 benchmarks/compile_cost.py -n 200 --modes syntax --compilers clang++-19
  python3 benchmarks/compile_cost.py --keep /tmp/cc       # keep the files
  python3 benchmarks/compile_cost.py --header OLD/include --header include
  clang++-19 -ftime-trace ... on a kept converted.cpp shows where time goes.

docs/performance.md cites its figures (target: converted <= 1.5x original).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PRELUDE = """#include <ag/ag.h>

#include <cstdio>
#include <iostream>
#include <vector>
"""

# Small functions in the style of the examples and the user guide. {i} makes
# each name unique; {k} varies a constant so no two bodies are identical.
SHAPES = [
    """AG_CONVERT
ag::Tensor relu_{i}(ag::Tensor x) {{
  ag::Tensor y = x;
  if (x < {k})
    y = x * 0;
  else
    y = y + 1;
  return y;
}}
""",
    """AG_CONVERT
ag::Tensor collatz_{i}(ag::Tensor a) {{
  ag::Tensor counter = 0;
  while (a != 1 && counter < {k}) {{
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    counter += 1;
  }}
  return counter;
}}
""",
    """AG_CONVERT
ag::Tensor first_above_{i}(ag::Tensor x, ag::Tensor n) {{
  ag::Tensor found = -1;
  for (ag::Tensor i = 0; i < n; i += 1) {{
    if (x * i > {k}) {{
      found = i;
      break;
    }}
  }}
  return found;
}}
""",
    """AG_CONVERT
ag::Tensor clamp_{i}(ag::Tensor x, ag::Tensor lo, ag::Tensor hi) {{
  if (x < lo)
    return lo;
  if (x > hi)
    return hi + {k};
  return x;
}}
""",
    """AG_CONVERT
ag::Tensor logged_{i}(ag::Tensor x) {{
  ag::Tensor s = x + {k};
  std::cout << "s = " << s << "\\n";
  if (s > 10)
    ag::print("big", s);
  printf("%lld\\n", s.item<long long>());
  return s;
}}
""",
    """AG_CONVERT
ag::Tensor pick_{i}(ag::Tensor a, ag::Tensor b) {{
  ag::Tensor d = b;
  ag::Tensor q = (d != 0 && a / d > {k}) ? a : b;
  if (a > b || q == 0)
    q += 1;
  return q;
}}
""",
    """AG_CONVERT
ag::Tensor skip_odd_{i}(ag::Tensor n) {{
  ag::Tensor i = 0;
  ag::Tensor s = 0;
  do {{
    i += 1;
    if (i % 2 == 1)
      continue;
    s += i * {k};
  }} while (i < n);
  return s;
}}
""",
    """AG_CONVERT
ag::Tensor total_{i}(ag::Tensor xs) {{
  ag::Tensor s = 0;
  for (ag::Tensor x : xs) {{
    if (x < 0)
      break;
    s = s + x * {k};
  }}
  return s;
}}
""",
]


def small_file(n):
    out = [PRELUDE]
    for i in range(n):
        out.append(SHAPES[i % len(SHAPES)].format(i=i, k=i % 7 + 2))
    return "\n".join(out)


def agsmith_file(n):
    sys.path.insert(0, os.path.join(ROOT, "test", "Differential", "gen"))
    import agsmith  # noqa: E402
    progs = [agsmith.generate(s, [], 1) for s in range(n)]
    return agsmith.PRELUDE + "\n".join(p["source"] for p in progs)


def measure(cmd):
    """CPU seconds (user+sys) and peak RSS in MB of one run of cmd."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit("compile failed: %s\n%s" % (" ".join(cmd), r.stderr[-4000:]))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", r.stderr).group(1))
    syst = float(re.search(r"System time \(seconds\): ([\d.]+)", r.stderr).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return user + syst, rss / 1024.0


def header_cost(a):
    """What #include <ag/ag.h> alone costs, per include directory."""
    work = tempfile.mkdtemp(prefix="ag-header-cost-")
    tu = os.path.join(work, "a.cpp")
    with open(tu, "w") as f:
        f.write("#include <ag/ag.h>\nint main() {}\n")
    print("%-10s %-6s %9s %9s  %s" % ("compiler", "mode", "s", "MB", "include"))
    for cxx in a.compilers.split(","):
        for inc in a.header:
            runs = [measure([cxx, "-std=c++17", "-I" + inc, "-fsyntax-only", tu])
                    for _ in range(a.runs)]
            print("%-10s %-6s %9.2f %9.0f  %s" % (
                cxx, "syntax", min(t for t, _ in runs), min(m for _, m in runs),
                inc), flush=True)
    os.remove(tu)
    os.rmdir(work)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, action="append",
                    help="functions per file (repeatable; default 200 and 28)")
    ap.add_argument("--agsmith", action="store_true",
                    help="agsmith's random programs instead of the small shapes")
    ap.add_argument("--build", default=os.environ.get("AG_BUILD_DIR",
                                                      os.path.join(ROOT, "build")))
    ap.add_argument("--compilers", default="clang++-19,g++")
    ap.add_argument("--modes", default="syntax,O2", help="syntax, O0, O2")
    ap.add_argument("--runs", type=int, default=1, help="best of this many")
    ap.add_argument("--keep", help="write the files to this directory")
    ap.add_argument("--include", help="compile against the ag headers in "
                    "this directory (default: this checkout's include/)")
    ap.add_argument("--header", action="append", metavar="INCLUDE_DIR",
                    help="instead: a TU of only #include <ag/ag.h>, against "
                    "these include directories (repeatable; e.g. an older "
                    "checkout's include/ and this one's)")
    a = ap.parse_args()
    if a.header:
        header_cost(a)
        return
    sizes = a.n or [200, 28]
    conv = os.path.join(a.build, "bin", "ag-convert")
    if not os.access(conv, os.X_OK):
        sys.exit("compile_cost.py: no %s (pass --build)" % conv)
    inc = a.include or os.path.join(ROOT, "include")
    flags = {"syntax": ["-fsyntax-only"], "O0": ["-O0", "-c"], "O2": ["-O2", "-c"]}
    work = a.keep or tempfile.mkdtemp(prefix="ag-compile-cost-")
    os.makedirs(work, exist_ok=True)

    print("%-5s %-10s %-6s %9s %9s %6s %9s %9s %6s" % (
        "N", "compiler", "mode", "orig s", "conv s", "x", "orig MB", "conv MB", "x"))
    for n in sizes:
        orig = os.path.join(work, "original_%d.cpp" % n)
        done = os.path.join(work, "converted_%d.cpp" % n)
        with open(orig, "w") as f:
            f.write(agsmith_file(n) if a.agsmith else small_file(n))
        r = subprocess.run([conv, orig, "--", "-std=c++17", "-I" + inc],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("ag-convert failed:\n" + r.stderr[-4000:])
        with open(done, "w") as f:
            f.write(r.stdout)
        for cxx in a.compilers.split(","):
            for mode in a.modes.split(","):
                best = {}
                for which, path in (("orig", orig), ("conv", done)):
                    runs = []
                    for _ in range(a.runs):
                        obj = os.path.join(work, "out.o")
                        cmd = [cxx, "-std=c++17", "-I" + inc] + flags[mode] + [path]
                        if mode != "syntax":
                            cmd += ["-o", obj]
                        runs.append(measure(cmd))
                    best[which] = (min(t for t, _ in runs), min(m for _, m in runs))
                (to, mo), (tc, mc) = best["orig"], best["conv"]
                print("%-5d %-10s %-6s %9.2f %9.2f %6.2f %9.0f %9.0f %6.2f" % (
                    n, cxx, mode, to, tc, tc / to, mo, mc, mc / mo), flush=True)
    if not a.keep:
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)


if __name__ == "__main__":
    main()
