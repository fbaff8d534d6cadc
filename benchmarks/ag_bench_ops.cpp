//===- ag_bench_ops.cpp - matmul and axis sums against Eigen --------------===//
//
// `ninja -C build ag-bench-ops && build/bin/ag-bench-ops`: a 512x512 float64
// matmul and the sums along each axis of a 4096x4096 float64 tensor, called
// through Eigen directly (into a preallocated result), eagerly through ag,
// and as an ag graph (ag::function). docs/performance.md has the figures.
//
//===----------------------------------------------------------------------===//

#include "bench_ops.h"

#include <Eigen/Core>
#include <benchmark/benchmark.h>

#include <vector>

namespace {

using RowMajor =
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

ag::Tensor filled(int64_t rows, int64_t cols) {
  std::vector<double> v(static_cast<size_t>(rows * cols));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = double(i % 97) / 7.0 - 3.0;
  return ag::Tensor::fromVector(v, {rows, cols});
}

Eigen::Map<const RowMajor> view(const ag::Tensor &t) {
  return Eigen::Map<const RowMajor>(t.data<double>(), t.dim(0), t.dim(1));
}

void BM_MatmulEigen(benchmark::State &state) {
  ag::Tensor a = filled(512, 512), b = filled(512, 512);
  RowMajor c(512, 512);
  for (auto _ : state) {
    c.noalias() = view(a) * view(b);
    benchmark::DoNotOptimize(c.data());
  }
}
void BM_MatmulEager(benchmark::State &state) {
  ag::Tensor a = filled(512, 512), b = filled(512, 512);
  for (auto _ : state)
    benchmark::DoNotOptimize(ag::matmul(a, b));
}
void BM_MatmulGraph(benchmark::State &state) {
  ag::Tensor a = filled(512, 512), b = filled(512, 512);
  auto f = ag::function(&benchops::product);
  f(a, b); // trace and compile outside the timed loop
  for (auto _ : state)
    benchmark::DoNotOptimize(f(a, b));
}

template <int Axis> void BM_SumEigen(benchmark::State &state) {
  ag::Tensor x = filled(4096, 4096);
  Eigen::VectorXd out(4096);
  for (auto _ : state) {
    if (Axis == 0)
      out.noalias() = view(x).colwise().sum().transpose();
    else
      out.noalias() = view(x).rowwise().sum();
    benchmark::DoNotOptimize(out.data());
  }
}
template <int Axis> void BM_SumEager(benchmark::State &state) {
  ag::Tensor x = filled(4096, 4096);
  for (auto _ : state)
    benchmark::DoNotOptimize(ag::sum(x, Axis));
}
template <int Axis> void BM_SumGraph(benchmark::State &state) {
  ag::Tensor x = filled(4096, 4096);
  auto f = ag::function(Axis == 0 ? &benchops::columnSums : &benchops::rowSums);
  f(x);
  for (auto _ : state)
    benchmark::DoNotOptimize(f(x));
}

BENCHMARK(BM_MatmulEigen)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatmulEager)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatmulGraph)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumEigen<0>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumEager<0>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumGraph<0>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumEigen<1>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumEager<1>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumGraph<1>)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
