//===- ag/runtime/Mpi.h - Node calls on MPI ranks ---------------*- C++ -*-===//
//
// The MPI executor (RunOptions::Executor::Mpi). Every rank runs the same
// program (SPMD). Rank 0 evaluates graphs; a node call whose operands and
// result have codecs (ag/runtime/Codec.h) is sent, encoded, to an idle worker
// rank, which calls the node registered under the same name and sends the
// encoded result back, or keeps it when only nodes sent to workers read it.
// Heavy tensor kernels (matmul, elementwise ops on large tensors: the
// evaluator's cost estimate, Node::heavy) travel the same way as their
// opcode and attributes; a worker rebuilds the node and runs it with the
// evaluator's own kernel dispatch (setKernelRunner). A cheap kernel runs
// where its inputs are: on the worker holding one of them, else here.
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
/// Once a worker serves, a run there (a node or kernel it was sent that
/// evaluates a graph) is local: null.
Executor *executorFor(const RunOptions &options);

/// Runs host node `node` on a worker rank. False when it must run here
/// (effects, values without codecs, cheap accessors, no live worker); then
/// `outputs` is untouched and `inputs` hold no kept values (they were
/// fetched). Blocks only the calling task: inside a oneTBB arena the task is
/// suspended, so a few evaluator threads keep every worker busy. Throws
/// kernels::KernelError naming the rank when the node threw there or the
/// rank was lost. `keep[i]`: result i stays on the worker (only other calls
/// sent there read it; a Keep); outputs[i] is then a handle, fetched on
/// demand by a later runRemote that must run here.
bool runRemote(Executor &executor, const Node &node, std::vector<Value> &inputs,
               std::vector<Value> &outputs,
               const std::vector<uint8_t> &keep = {});

/// Whether a result whose one reader is `reader` may stay on the worker
/// that computes it (Run::remoteOnlyResults passes one per result to
/// runRemote): not when the reader runs here (an effect, control flow, a
/// local-only host node); when it is a tensor kernel, only a large tensor
/// stays (a small value is cheaper to move than a round trip per cheap op).
enum Keep : uint8_t { kReturn = 0, kKeepLarge = 1, kKeepAlways = 2 };
Keep keepFor(Executor &executor, const Node &reader);

/// A tensor kernel node that may run on a worker: no effect, no region, no
/// list. runRemote sends it when it is heavy (not Dim or Reshape, which only
/// read a shape) or reads a value kept on a worker, else returns false.
bool travelsAsKernel(NodeKind kind);

/// Whether `v` is a handle of a value kept on a worker (rank 0).
bool isKept(const Value &v);

/// Runs kernel node `node` (operands and results not bound) on `inputs`
/// with the evaluator's kernel dispatch: what a worker does with a tensor
/// op rank 0 sent. Registered by the evaluator, above this layer; without
/// one a worker answers that it cannot, and rank 0 runs the op itself.
using KernelRunner = std::vector<Value> (*)(Node node,
                                            const std::vector<Value> &inputs);
bool setKernelRunner(KernelRunner runner);

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
  uint64_t kernelCalls = 0;    // of those, tensor kernels (not AG_NODEs)
  uint64_t localFallbacks = 0; // sent, then run here (unknown on the worker)
  uint64_t bytesSent = 0;      // request bytes (encoded operands and names)
  uint64_t bytesReceived = 0;  // reply bytes (encoded results)
  uint64_t resultsKept = 0;    // results left on their worker (locality)
  uint64_t valuesFetched = 0;  // kept results rank 0 had to fetch
};
Stats stats();

} // namespace ag::exec::mpi

#endif // AG_RUNTIME_MPI_H
