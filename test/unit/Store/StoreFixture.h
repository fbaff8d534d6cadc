//===- StoreFixture.h - Store directories written by hand for tests -------===//
//
// Writes the store layout (version 1) directly, without the
// runtime's store writer, so the reading side (ag::Store, ag-run --inspect)
// is tested against the format itself: FORMAT, .agv files (exec::encodeValue
// bytes behind the AGS1 header and FNV-1a checksum) and JSON run records.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_STOREFIXTURE_H
#define AG_TEST_STOREFIXTURE_H

#include "ag/Codec.h"
#include "ag/Store.h"
#include "ag/runtime/Codec.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace storefixture {

/// A user type with a cereal codec, as an AG_NODE result would be.
struct Table {
  std::vector<double> xs;
  std::string name;
  template <class Archive> void serialize(Archive &ar) { ar(xs, name); }
};

/// A recognizable 128-bit key: "<n in hex>" repeated.
inline std::string key(unsigned n) {
  char digit[] = "0123456789abcdef";
  return std::string(30, digit[n % 16]) + digit[(n / 16) % 16] + "0";
}

inline void writeFile(const std::filesystem::path &path,
                      const std::string &bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

inline void putU64(std::string &out, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

/// Writes `v` as the .agv file of `key`; returns its path.
inline std::string writeValue(const std::string &dir, const std::string &key,
                              const ag::exec::Value &v) {
  std::optional<std::string> payload = ag::exec::encodeValue(v);
  if (!payload)
    throw std::runtime_error("no codec for the fixture's value");
  std::string bytes = "AGS1";
  putU64(bytes, payload->size());
  putU64(bytes, ag::storeChecksum(*payload));
  bytes += *payload;
  std::string path = ag::storeValuePath(dir, key);
  writeFile(path, bytes);
  return path;
}

inline std::string recordPath(const std::string &dir, int id) {
  char name[32];
  std::snprintf(name, sizeof name, "%06d.json", id);
  return (std::filesystem::path(dir) / "runs" / name).string();
}

/// Three runs of "best_fit":
///  1 ok: load (tensor), fit -> best (float64 scalar), label (string),
///    report (Table), table (not stored: no codec);
///  2 failed at fit.cpp:12:5, load cached from run 1;
///  3 running (or killed), with one value of its own.
inline void writeScenario(const std::string &dir) {
  ag::detail::registerCodec<Table>();
  ag::detail::registerCodec<std::string>();
  std::filesystem::create_directories(dir);
  writeFile(std::filesystem::path(dir) / "FORMAT", "ag-store 1\n");
  using ag::exec::Value;
  ag::Tensor data = ag::Tensor::fromVector<double>({1, 2.5, 3, 4}, {2, 2});
  writeValue(dir, key(1), Value(data));
  writeValue(dir, key(2), Value(ag::exec::Scalar::of(2.5)));
  writeValue(
      dir, key(3),
      Value::host(std::make_shared<const std::any>(std::string("fit \"ok\""))));
  writeValue(dir, key(4),
             Value::host(std::make_shared<const std::any>(
                 Table{{1, 2, 3}, "coefficients"})));
  writeValue(dir, key(5), Value(ag::exec::Scalar::of(int64_t(7))));
  writeFile(recordPath(dir, 1), R"({"format": 1, "id": 1, "program": "best_fit",
 "start": "2026-12-06T21:40:00.123Z", "end": "2026-12-06T21:40:01.500Z",
 "status": "ok", "error": null,
 "outputs": {"best": ")" + key(2) + R"("},
 "nodes": [
  {"name": "load", "variable": "data", "op": "ag.host_call", "location": "fit.cpp:10:3",
   "status": "ran", "seconds": 0.5, "thread": 1, "bytes": 32, "key": ")" +
                                    key(1) + R"("},
  {"name": "fit", "variable": "best", "op": "ag.host_call", "location": "fit.cpp:12:5",
   "status": "ran", "seconds": 0.25, "thread": 2, "bytes": 8, "key": ")" +
                                    key(2) + R"("},
  {"name": "label", "variable": "label", "op": "ag.host_call", "location": "fit.cpp:13:5",
   "status": "ran", "seconds": 0.001, "thread": 2, "bytes": 0, "key": ")" +
                                    key(3) + R"("},
  {"name": "report", "variable": "report", "op": "ag.host_call", "location": "fit.cpp:14:5",
   "status": "ran", "seconds": 0.002, "thread": 1, "bytes": 0, "key": ")" +
                                    key(4) + R"("},
  {"name": "table", "variable": "table", "op": "ag.host_call", "location": "fit.cpp:15:5",
   "status": "not-stored", "seconds": 0.003, "thread": 1, "bytes": 0, "key": ""}
 ]}
)");
  writeFile(recordPath(dir, 2), R"({"format": 1, "id": 2, "program": "best_fit",
 "start": "2026-12-06T21:41:00.000Z", "end": "2026-12-06T21:41:00.100Z",
 "status": "failed",
 "error": {"message": "node 'fit' threw std::runtime_error: singular matrix", "file": "fit.cpp", "line": 12, "column": 5},
 "outputs": {},
 "nodes": [
  {"name": "load", "variable": "data", "op": "ag.host_call", "location": "fit.cpp:10:3",
   "status": "cached", "seconds": 0.0001, "thread": 1, "bytes": 32, "key": ")" +
                                    key(1) + R"("},
  {"name": "fit", "variable": "best", "op": "ag.host_call", "location": "fit.cpp:12:5",
   "status": "failed", "seconds": 0.01, "thread": 2, "bytes": 0, "key": ""}
 ]}
)");
  writeFile(recordPath(dir, 3), R"({"format": 1, "id": 3, "program": "best_fit",
 "start": "2026-12-06T21:42:00.000Z", "end": null, "status": "running",
 "error": null, "outputs": {},
 "nodes": [
  {"name": "count", "variable": "n", "op": "ag.host_call", "location": "fit.cpp:20:3",
   "status": "ran", "seconds": 0.1, "thread": 0, "bytes": 8, "key": ")" +
                                    key(5) + R"("}
 ]}
)");
}

} // namespace storefixture

#endif // AG_TEST_STOREFIXTURE_H
