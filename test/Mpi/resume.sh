#!/bin/sh
# Resume under MPI: a run that fails at one node, then a rerun against the
# same store (AG_STORE) that must run only the nodes that did not complete.
# Usage: resume.sh WORKDIR PROGRAM [LAUNCHER...]  (no launcher: one process)
set -e
dir=$1
prog=$2
shift 2
rm -rf "$dir"
mkdir -p "$dir"
touch "$dir/fail"
export AG_STORE="$dir/store" MPI_TEST_FAIL="$dir/fail"
MPI_TEST_LOG="$dir/log1" "$@" "$prog" resume fail
rm "$dir/fail"
MPI_TEST_LOG="$dir/log2" "$@" "$prog" resume rerun "$dir/log1"
echo "PASS resume: both runs"
