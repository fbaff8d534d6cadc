//===- FeedFuzzer.cpp - ag-run's --feed literals --------------------------===//
//
// The first byte picks the parameter's dtype and shape (static and dynamic
// dims), the rest is the literal after `--feed name=`. parseFeed must
// return a tensor of the declared type or throw FeedError.
//
//===----------------------------------------------------------------------===//

// ag-run's feed parser lives in its main file: compile it here with its
// main renamed.
#define main agRunMain
#include "../../tools/ag-run/ag-run.cpp"
#undef main

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 4096)
    return 0;
  static const ag::DType dtypes[] = {ag::DType::Bool, ag::DType::Int32,
                                     ag::DType::Int64, ag::DType::Float32,
                                     ag::DType::Float64};
  static const ag::Shape shapes[] = {{}, {3}, {2, 2}, {-1}, {-1, 2}, {0}};
  ag::DType dtype = dtypes[data[0] % 5];
  const ag::Shape &shape = shapes[(data[0] / 5) % 6];
  llvm::StringRef text(reinterpret_cast<const char *>(data) + 1, size - 1);
  try {
    ag::Tensor t = parseFeed("x", text, dtype, shape);
    bool fits =
        t.dtype() == dtype && t.rank() == static_cast<int64_t>(shape.size());
    for (size_t i = 0; fits && i < shape.size(); ++i)
      fits = shape[i] < 0 || t.shape()[i] == shape[i];
    if (!fits)
      __builtin_trap(); // a feed of the wrong type got through
  } catch (const FeedError &) {
  }
  return 0;
}
