//===- BufferCacheTest.cpp - Reuse of freed large buffers -----------------===//

#include "ag/Tensor.h"
#include "ag/detail/TensorImpl.h"

#include "gtest/gtest.h"

#include <memory>
#include <thread>
#include <vector>

using namespace ag;
using detail::Buffer;
using detail::bufferCacheStats;
using detail::setBufferCacheLimit;

namespace {

constexpr size_t kMiB = size_t(1) << 20;

/// Each test starts from an empty cache and leaves the default bound.
class BufferCacheTest : public ::testing::Test {
protected:
  void TearDown() override { setBufferCacheLimit(-1); }
};

TEST_F(BufferCacheTest, FreedBufferOfTheSameSizeIsReused) {
  setBufferCacheLimit(64 * kMiB);
  void *first;
  {
    Buffer b(16 * kMiB);
    first = b.data;
  }
  EXPECT_EQ(bufferCacheStats().cachedBlocks, 1u);
  Buffer again(16 * kMiB);
  EXPECT_EQ(again.data, first);
  EXPECT_EQ(bufferCacheStats().hits, 1u);
  EXPECT_EQ(bufferCacheStats().cachedBytes, 0u);
  // Another size class is not served from the cache.
  { Buffer other(8 * kMiB); }
  Buffer different(12 * kMiB);
  EXPECT_EQ(bufferCacheStats().hits, 1u);
  EXPECT_EQ(bufferCacheStats().cachedBlocks, 1u);
}

TEST_F(BufferCacheTest, SmallBuffersAreLeftToMalloc) {
  setBufferCacheLimit(64 * kMiB);
  { Buffer b(4096); }
  EXPECT_EQ(bufferCacheStats().cachedBlocks, 0u);
}

TEST_F(BufferCacheTest, BoundIsRespected) {
  setBufferCacheLimit(20 * kMiB);
  {
    std::vector<std::unique_ptr<Buffer>> live;
    for (int i = 0; i < 5; ++i)
      live.push_back(std::make_unique<Buffer>(8 * kMiB));
  }
  // Two 8 MiB blocks fit in 20 MiB; the oldest were evicted.
  EXPECT_EQ(bufferCacheStats().cachedBlocks, 2u);
  EXPECT_LE(bufferCacheStats().cachedBytes, 20 * kMiB);
  // A block larger than the bound is freed, not kept.
  { Buffer big(32 * kMiB); }
  EXPECT_LE(bufferCacheStats().cachedBytes, 20 * kMiB);
  setBufferCacheLimit(0);
  { Buffer b(8 * kMiB); }
  EXPECT_EQ(bufferCacheStats().cachedBytes, 0u);
}

TEST_F(BufferCacheTest, DefaultBoundIsTwiceTheLargestFreedBuffer) {
  setBufferCacheLimit(-1);
  {
    std::vector<std::unique_ptr<Buffer>> live;
    for (int i = 0; i < 6; ++i)
      live.push_back(std::make_unique<Buffer>(16 * kMiB));
  }
  EXPECT_GE(bufferCacheStats().limit, 32 * kMiB);
  EXPECT_LE(bufferCacheStats().cachedBytes, bufferCacheStats().limit);
}

TEST_F(BufferCacheTest, ReusedBuffersComputeTheSameResults) {
  setBufferCacheLimit(-1);
  Tensor x = Tensor::full(DType::Float64, {300000}, 0.5);
  Tensor first = (x * x + 1.0) * 3.0;
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(((x * x + 1.0) * 3.0).identical(first));
  EXPECT_GT(bufferCacheStats().hits, 0u);
}

TEST_F(BufferCacheTest, ConcurrentAllocAndFreeIsSafe) {
  setBufferCacheLimit(24 * kMiB);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) {
        size_t bytes = (2 + (i + t) % 3) * kMiB;
        Buffer b(bytes);
        // Each block is owned by one thread at a time: a shared block
        // would show another thread's pattern.
        auto *p = static_cast<unsigned char *>(b.data);
        unsigned char mark = static_cast<unsigned char>(t * 50 + i % 50);
        p[0] = p[bytes - 1] = mark;
        std::this_thread::yield();
        ASSERT_EQ(p[0], mark);
        ASSERT_EQ(p[bytes - 1], mark);
      }
    });
  for (auto &th : threads)
    th.join();
  EXPECT_LE(bufferCacheStats().cachedBytes, 24 * kMiB);
  EXPECT_GT(bufferCacheStats().hits, 0u);
}

} // namespace
