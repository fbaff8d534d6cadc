//===- ag/runtime/Mpi.h - AG_NODE calls on MPI ranks ------------*- C++ -*-===//
//
// The MPI executor (RunOptions::Executor::Mpi). Every rank runs the same
// program (SPMD). Rank 0 evaluates graphs; a node call whose operands and
// result have codecs (ag/runtime/Codec.h) is sent, encoded, to an idle worker
// rank, which calls the node registered under the same name and sends the
// encoded result back, or keeps it when only nodes sent to workers read it.
// Worker ranks enter their serve loop at their first graph run (or at
// ag::mpi::serveIfWorker) and end the process when rank 0 ends. No mpi.h here:
// the evaluator and users see only this interface.
//
//===----------------------------------------------------------------------===//
#ifndef AG_RUNTIME_MPI_H
#define AG_RUNTIME_MPI_H

#include "ag/runtime/Program.h"
#include "ag/runtime/RunOptions.h"
#include "ag/runtime/Value.h"

#include <cstdint>
#include <vector>

namespace ag::exec::mpi {

class Executor;

/// The executor for a run with `options`: null to run every node here
/// (Local, not under mpirun, or a single rank). On a worker rank this call
/// does not return: it serves node requests until rank 0 shuts the job
/// down, then ends the process (exit status 0, or 1 when rank 0 was lost).
Executor *executorFor(const RunOptions &options);

/// Runs host node `node` on a worker rank. False when it must run here
/// (effects, values without codecs, cheap accessors, no live worker); then
/// `outputs` is untouched and `inputs` hold no kept values (they were
/// fetched). Blocks only the calling task: inside a oneTBB arena the task is
/// suspended, so a few evaluator threads keep every worker busy. Throws
/// kernels::KernelError naming the rank when the node threw there or the
/// rank was lost. `keep[i]`: result i stays on the worker (only other calls
/// sent there read it); outputs[i] is then a handle, fetched on demand by a
/// later runRemote that must run here.
bool runRemote(Executor &executor, const Node &node, std::vector<Value> &inputs,
               std::vector<Value> &outputs,
               const std::vector<uint8_t> &keep = {});

/// Whether host node `node` may be sent to a worker (registered, not
/// local-only): the evaluator keeps on the worker the results whose readers
/// all may.
bool mayRunRemotely(Executor &executor, const Node &node);

/// The rank the calling thread's last runRemote call ran on (0 when none
/// or here), and resets it: the profiler's track for the node.
int takeNodeRank();

/// Enters the serve loop now on a worker rank when AG_EXECUTOR=mpi and the
/// process runs under mpirun with more than one rank (never returns there);
/// returns at once elsewhere. Call it at the top of main so that eager code
/// before the first graph run happens on rank 0 only.
void serveIfWorker();

/// This process's rank, and the number of ranks (0 and 1 outside MPI or
/// before the executor started).
int rank();
int size();

/// Counters since the process started (benchmarks, tests).
struct Stats {
  uint64_t remoteCalls = 0;    // node calls that ran on a worker
  uint64_t localFallbacks = 0; // sent, then run here (unknown on the worker)
  uint64_t bytesSent = 0;      // request bytes (encoded operands and names)
  uint64_t bytesReceived = 0;  // reply bytes (encoded results)
  uint64_t resultsKept = 0;    // results left on their worker (locality)
  uint64_t valuesFetched = 0;  // kept results rank 0 had to fetch
};
Stats stats();

} // namespace ag::exec::mpi

#endif // AG_RUNTIME_MPI_H
