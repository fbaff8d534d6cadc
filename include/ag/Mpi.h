//===- ag/Mpi.h - Running a program's graphs on MPI ranks -------*- C++ -*-===//
//
// Run the same program under `mpirun -n N` with AG_EXECUTOR=mpi (or
// RunOptions::executor = Mpi): rank 0 evaluates every graph and sends node
// calls to ranks 1..N-1 (docs/user-guide.md, "Running on MPI ranks").
// Nothing here is required: worker ranks start serving at their first graph
// run on their own. serveIfWorker() at the top of main makes them serve
// before any eager code runs, so eager effects happen on rank 0 only.
//
//===----------------------------------------------------------------------===//
#ifndef AG_MPI_H
#define AG_MPI_H

#include "ag/runtime/Mpi.h"

namespace ag::mpi {
/// On a worker rank (AG_EXECUTOR=mpi under mpirun, more than one rank):
/// serves node calls until rank 0 ends, then ends the process. Elsewhere
/// returns at once.
using exec::mpi::serveIfWorker;
/// This process's rank and the number of ranks (0 and 1 without MPI).
using exec::mpi::rank;
using exec::mpi::size;
/// Node calls that ran on workers and the bytes they moved.
using exec::mpi::Stats;
using exec::mpi::stats;
} // namespace ag::mpi

#endif // AG_MPI_H
