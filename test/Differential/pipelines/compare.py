#!/usr/bin/env python3
"""Runs a pipeline program whose main runs its driver eagerly, prints
"== graph ==", runs it through ag::function and prints "identical" when the
results are identical. Fails unless the exit status is 0, the results are
identical and both runs printed exactly the same lines in the same order."""
import subprocess
import sys

run = subprocess.run([sys.argv[1]], capture_output=True, text=True, timeout=300)
sys.stdout.write(run.stdout)
sys.stderr.write(run.stderr)
if run.returncode != 0:
    sys.exit(f"{sys.argv[1]}: exit status {run.returncode}")
eager, sep, rest = run.stdout.partition("== graph ==\n")
if not sep or not rest.endswith("identical\n"):
    sys.exit("missing the '== graph ==' separator or the 'identical' verdict")
graph = rest[: -len("identical\n")]
if eager != graph:
    sys.exit(f"printed output differs:\n--- eager\n{eager}--- graph\n{graph}")
