#!/usr/bin/env bash
# The MPI executor's figures (docs/performance.md, "MPI executor"): 64 x
# 100 ms nodes on 2, 4 and 8 worker ranks, CPU-bound nodes on 1 and 2
# workers, per-node dispatch cost against the local executor, a 16-way
# fan-out of heavy tensor branches (matmuls) locally and on 1 and 2 workers.
set -euo pipefail
BUILD=${AG_BUILD_DIR:-$(dirname "$0")/../build}
ninja -C "$BUILD" ag-bench-mpi
BIN="$BUILD/benchmarks/ag-bench-mpi"
[ -x "$BIN" ] || BIN="$BUILD/bin/ag-bench-mpi"
export AG_EXECUTOR=mpi OMPI_MCA_btl=${OMPI_MCA_btl:-self,vader}
RUN=(mpirun --allow-run-as-root --oversubscribe)
for n in 2 4 8; do "${RUN[@]}" -n $((n + 1)) "$BIN" sleep; done
for n in 1 2; do "${RUN[@]}" -n $((n + 1)) "$BIN" cpu "$@"; done
"${RUN[@]}" -n 1 "$BIN" overhead
"${RUN[@]}" -n 2 "$BIN" overhead
# Heavy tensor branches: the local executor on 1 and 2 threads, then 1 and
# 2 workers (rank 0 with 2 evaluator threads); 16 x 384^2 and 64 x 256^2.
for shape in "16 384" "64 256"; do
  for t in 1 2; do AG_NUM_THREADS=$t "${RUN[@]}" -n 1 "$BIN" tensors $shape; done
  for n in 1 2; do
    AG_NUM_THREADS=2 "${RUN[@]}" -n $((n + 1)) "$BIN" tensors $shape
  done
done
