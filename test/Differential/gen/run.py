#!/usr/bin/env python3
"""Generates agsmith programs, converts them with ag-convert, compiles them
against libag and runs each function eagerly and as a graph.

  run.py --build <build dir> --seeds 0:300            # what ctest runs
  run.py --build build --seeds 0:5000 --jobs 2        # the long run
  run.py --build build --seeds 17 --show              # one seed, its program

Seeds are batched (--per-tu functions per translation unit) to amortize the
compile. A TU that fails to convert, compile or that crashes is retried one
seed at a time so each failure is attributed to its seed. Exit status 0 iff
every function agreed in every mode. See README.md.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import agsmith  # noqa: E402

# The CI default avoids nothing: the five bug classes the switches were
# added for (README.md) are fixed. Keep the switches for bisecting.
DEFAULT_AVOID = ""


def parse_seeds(spec):
    seeds = []
    for part in spec.split(","):
        if ":" in part:
            a, b = part.split(":")
            seeds.extend(range(int(a), int(b)))
        else:
            seeds.append(int(part))
    return seeds


class Runner:
    def __init__(self, args):
        self.a = args
        self.build = os.path.abspath(args.build)
        self.src = os.path.abspath(args.source or os.path.join(self.build, ".."))
        self.convert = args.ag_convert or os.path.join(self.build, "bin", "ag-convert")
        self.libdir = os.path.abspath(args.libdir or os.path.join(self.build, "lib"))
        self.avoid = [x for x in args.avoid.split(",") if x]
        self.work = args.workdir or tempfile.mkdtemp(prefix="agsmith-")
        os.makedirs(self.work, exist_ok=True)
        shutil.copy(os.path.join(HERE, "agsmith_harness.h"), self.work)
        self.progs = {}

    def prog(self, seed):
        if seed not in self.progs:
            self.progs[seed] = agsmith.generate(seed, self.avoid, self.a.inputs)
        return self.progs[seed]

    def step(self, cmd, log):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=self.a.timeout)
        out = p.stdout.decode(errors="replace")
        with open(log, "w") as f:
            f.write(out)
        return p.returncode, out

    def run_tu(self, seeds):
        """Returns {seed: failure text} for the seeds of one TU (retrying
        seed by seed when the TU as a whole cannot be attributed)."""
        tag = "tu_%d_%d" % (seeds[0], len(seeds))
        base = os.path.join(self.work, tag)
        with open(base + ".cpp", "w") as f:
            f.write(agsmith.translation_unit([self.prog(s) for s in seeds]))
        try:
            rc, out = self.step([self.convert, base + ".cpp", "-o", base + ".ag.cpp", "--",
                                 "-std=c++17", "-I" + os.path.join(self.src, "include")],
                                base + ".convert.log")
            if rc != 0:
                return self.split(seeds, "ag-convert failed (exit %d):\n%s" % (rc, out[-6000:]),
                                  base + ".cpp")
            rc, out = self.step([self.a.cxx, "-std=c++17", "-O0", "-w", "-UNDEBUG"] +
                                self.a.cxx_flags.split() +
                                ["-I" + os.path.join(self.src, "include"), "-I" + self.work,
                                 base + ".ag.cpp", "-o", base + ".exe", "-L" + self.libdir,
                                 "-lag", "-Wl,-rpath," + self.libdir], base + ".compile.log")
            if rc != 0:
                return self.split(seeds, "the converted TU does not compile:\n%s" % out[-6000:],
                                  base + ".cpp")
            env = dict(os.environ)
            if self.a.no_general:
                env["AGSMITH_NO_GENERAL"] = "1"
            p = subprocess.run([base + ".exe"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=self.a.timeout, env=env)
        except subprocess.TimeoutExpired:
            return self.split(seeds, "timed out after %ds" % self.a.timeout)
        err = p.stderr.decode(errors="replace")
        fails = {}
        for m in re.finditer(r"^MISMATCH seed=(\d+) (.*\n(?:  .*\n?)*)", err, re.M):
            s = int(m.group(1))
            fails[s] = fails.get(s, "") + "MISMATCH " + m.group(2)
        if p.returncode not in (0, 1) or "DONE " not in err:
            begun = re.findall(r"^BEGIN seed=(\d+)", err, re.M)
            ended = set(int(x) for x in re.findall(r"^END seed=(\d+)", err, re.M))
            culprit = int(begun[-1]) if begun else None
            if culprit is None or len(seeds) == 1:
                fails[seeds[0]] = fails.get(seeds[0], "") + \
                    "crashed (exit %d):\n%s" % (p.returncode, err[-3000:])
            else:
                fails[culprit] = fails.get(culprit, "") + \
                    "crashed (exit %d) while running it:\n%s" % (p.returncode, err[-3000:])
                rest = [s for s in seeds if s not in ended and s != culprit]
                if rest:
                    fails.update(self.run_tu(rest))
        if not self.a.keep:
            for ext in (".exe",):
                if os.path.exists(base + ext):
                    os.remove(base + ext)
        return fails

    def split(self, seeds, why, tu=None):
        """Attributes a TU-wide failure: to the seeds whose lines its errors
        name (then the others run again together), else seed by seed."""
        if len(seeds) == 1:
            return {seeds[0]: why}
        culprits = set()
        if tu:
            starts = []  # (first line, seed)
            with open(tu) as f:
                for no, line in enumerate(f, 1):
                    m = re.match(r"// agsmith seed (\d+)$", line)
                    if m:
                        starts.append((no, int(m.group(1))))
            pat = re.compile(re.escape(os.path.basename(tu)) + r":(\d+):\d+: (?:fatal )?error")
            head, texts, current = why.split("\n")[0], {}, None
            for line in why.split("\n")[1:]:
                m = pat.search(line)
                if m:
                    owner = [s for no, s in starts if no <= int(m.group(1))]
                    current = owner[-1] if owner else None
                    if current is not None:
                        culprits.add(current)
                if current is not None:
                    texts[current] = texts.get(current, head) + "\n" + line
        if not culprits:
            fails = {}
            for s in seeds:
                fails.update(self.run_tu([s]))
            return fails
        fails = {s: texts[s] for s in culprits}
        rest = [s for s in seeds if s not in culprits]
        if rest:
            fails.update(self.run_tu(rest))
        return fails


def classify(text):
    """A short failure class for the summary."""
    if text.startswith("ag-convert failed"):
        m = re.search(r"error: (.*)", text)
        return "convert: " + (m.group(1)[:80] if m else "?")
    if text.startswith("the converted TU"):
        return "compile"
    if "crashed" in text.split("\n")[0]:
        return "crash"
    if "timed out" in text:
        return "timeout"
    m = re.search(r"MISMATCH input=\d+ mode=(\w+): ([^\n]*)\n  eager: ([^\n]*)\n  \w+: ([^\n]*)", text)
    if m:
        other = m.group(4)
        if "<threw" in other:
            other = re.sub(r"'[^']*'|0x[0-9a-f]+|\d+", "#", other)[:90]
        else:
            other = ""
        return "%s: %s %s" % (m.group(1), m.group(2), other)
    return "other"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True, help="ag build directory")
    ap.add_argument("--source", help="ag source directory (default: <build>/..)")
    ap.add_argument("--ag-convert", help="default: <build>/bin/ag-convert")
    ap.add_argument("--libdir", help="directory of libag.so (default: <build>/lib)")
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--cxx-flags", default="",
                    help="extra flags for compiling and linking each TU (e.g. the "
                    "-fsanitize flags an instrumented libag needs)")
    ap.add_argument("--seeds", default="0:300", help="A:B (half-open), or a list N,M,...")
    ap.add_argument("--per-tu", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--inputs", type=int, default=6, help="inputs per function")
    ap.add_argument("--avoid", default=DEFAULT_AVOID,
                    help="known-bug constructs to leave out (comma-separated; '' = none): " +
                    ", ".join(agsmith.AVOIDABLE))
    ap.add_argument("--no-general", action="store_true",
                    help="compare only the default evaluator")
    ap.add_argument("--workdir", help="keep generated files here")
    ap.add_argument("--keep", action="store_true", help="keep executables")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--show", type=int, default=3, help="programs shown per failure class")
    a = ap.parse_args(argv)
    for x in a.avoid.split(","):
        if x and x not in agsmith.AVOIDABLE:
            ap.error("unknown --avoid class '%s'" % x)
    r = Runner(a)
    seeds = parse_seeds(a.seeds)
    chunks = [seeds[i:i + a.per_tu] for i in range(0, len(seeds), a.per_tu)]
    t0 = time.time()
    fails = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for f in concurrent.futures.as_completed([ex.submit(r.run_tu, c) for c in chunks]):
            fails.update(f.result())
    classes = {}
    for s in sorted(fails):
        classes.setdefault(classify(fails[s]), []).append(s)
    for cls, ss in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print("=" * 78)
        print("FAILURE CLASS: %s -- %d seeds: %s" % (cls, len(ss), " ".join(map(str, ss[:40]))))
        for s in ss[:a.show]:
            print("-" * 78)
            print("seed %d (regenerate: agsmith.py %d --avoid=%s)" % (s, s, ",".join(r.avoid)))
            print(r.prog(s)["source"], end="")
            for i, inp in enumerate(r.prog(s)["inputs"]):
                print("// input %d: %s" % (i, inp))
            print(fails[s].rstrip())
    print("=" * 78)
    print("agsmith: %d programs (seeds %s), %d failed, avoid=[%s], %.0fs, work dir %s" %
          (len(seeds), a.seeds, len(fails), ",".join(r.avoid), time.time() - t0, r.work))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
