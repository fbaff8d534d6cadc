//===- CodecTest.cpp - Values to bytes and back ---------------------------===//
#include "ag/Codec.h"
#include "ag/runtime/Value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace {
using namespace ag;
using ag::exec::Value;

struct Table {
  std::vector<double> x, y;
  std::string name;
  bool operator==(const Table &o) const {
    return x == o.x && y == o.y && name == o.name;
  }
};
template <class Archive> void serialize(Archive &ar, Table &t) {
  ar(t.x, t.y, t.name);
}

struct WithTensor {
  Tensor weights;
  int steps = 0;
  template <class Archive> void serialize(Archive &ar) { ar(weights, steps); }
};

struct NoCodec {
  int a = 0;
};
} // namespace

namespace {
static_assert(hasCodec<double> && hasCodec<std::string> && hasCodec<Tensor>);
static_assert(hasCodec<std::vector<std::pair<int, std::string>>>);
static_assert(hasCodec<std::map<std::string, std::optional<double>>>);
static_assert(hasCodec<std::tuple<int, std::array<float, 3>>>);
static_assert(hasCodec<Table> && hasCodec<WithTensor>);
static_assert(!hasCodec<NoCodec> && !hasCodec<std::vector<NoCodec>>);
static_assert(!hasCodec<std::pair<int, NoCodec>>);

template <class T> T roundTrip(const T &value) {
  detail::registerCodec<T>();
  Value v = Value::host(std::make_shared<const std::any>(value));
  std::optional<std::string> bytes = exec::encodeValue(v);
  EXPECT_TRUE(bytes.has_value());
  Value back = exec::decodeValue(*bytes);
  return std::any_cast<const T &>(*back.hostValue());
}

TEST(CodecTest, BuiltInHostTypesRoundTrip) {
  EXPECT_EQ(roundTrip(std::string("héllo\0x", 7)), std::string("héllo\0x", 7));
  std::vector<std::pair<int, std::string>> pairs{{1, "a"}, {-2, ""}};
  EXPECT_EQ(roundTrip(pairs), pairs);
  std::map<std::string, std::optional<double>> m{{"a", 1.5}, {"b", {}}};
  EXPECT_EQ(roundTrip(m), m);
  std::tuple<int, std::array<float, 3>> t{7, {1.f, 2.f, 3.f}};
  EXPECT_EQ(roundTrip(t), t);
}

TEST(CodecTest, UserTypeOptsInWithSerialize) {
  Table table{{1, 2}, {3, 4}, "t"};
  EXPECT_EQ(roundTrip(table), table);
  WithTensor w{Tensor({1.0, 2.0, 3.0}), 5};
  WithTensor back = roundTrip(w);
  EXPECT_EQ(back.steps, 5);
  EXPECT_EQ(back.weights.shape(), Shape{3});
  EXPECT_EQ(back.weights.data<double>()[2], 3.0);
}

TEST(CodecTest, TypeWithoutCodecIsNotEncodable) {
  detail::registerCodec<NoCodec>(); // a no-op
  Value v = Value::host(std::make_shared<const std::any>(NoCodec{}));
  EXPECT_FALSE(exec::hasCodec(v));
  EXPECT_FALSE(exec::encodeValue(v).has_value());
  EXPECT_FALSE(exec::encodeValue(Value::token()).has_value());
}

TEST(CodecTest, TensorsScalarsAndListsKeepDTypeShapeAndBits) {
  for (DType d : {DType::Bool, DType::Int32, DType::Int64, DType::Float32,
                  DType::Float64}) {
    Tensor t = Tensor::full(d, {2, 3}, 1);
    Value back = exec::decodeValue(*exec::encodeValue(Value(t)));
    ASSERT_TRUE(back.isTensor());
    EXPECT_EQ(back.tensor().dtype(), d);
    EXPECT_EQ(back.tensor().shape(), (Shape{2, 3}));
  }
  Tensor empty = Tensor::zeros(DType::Float32, {0, 4});
  EXPECT_EQ(
      exec::decodeValue(*exec::encodeValue(Value(empty))).tensor().shape(),
      (Shape{0, 4}));
  Value nz(exec::Scalar::of(-0.0));
  exec::Scalar s;
  ASSERT_TRUE(exec::decodeValue(*exec::encodeValue(nz)).asScalar(s));
  EXPECT_EQ(s.dtype, DType::Float64);
  EXPECT_TRUE(std::signbit(s.f64));
  exec::List list = exec::List().push(Tensor(int64_t(4))).push(Tensor({1, 2}));
  Value l = exec::decodeValue(*exec::encodeValue(Value(list)));
  ASSERT_TRUE(l.isList());
  ASSERT_EQ(l.list().size(), 2u);
  EXPECT_EQ(l.list().at(1).shape(), Shape{2});
}

TEST(CodecTest, NpyHeaderIsWhatNumpyWrites) {
  std::string npy = exec::encodeNpy(Tensor({{1.0, 2.0}, {3.0, 4.0}}));
  ASSERT_GT(npy.size(), 10u);
  EXPECT_EQ(npy.substr(0, 6), std::string("\x93NUMPY", 6));
  size_t headerLen =
      static_cast<uint8_t>(npy[8]) | (static_cast<uint8_t>(npy[9]) << 8);
  EXPECT_EQ((10 + headerLen) % 64, 0u);
  std::string header = npy.substr(10, headerLen);
  EXPECT_NE(header.find("'descr': '<f8'"), std::string::npos) << header;
  EXPECT_NE(header.find("'shape': (2, 2)"), std::string::npos) << header;
  EXPECT_NE(exec::encodeNpy(Tensor({1, 2, 3})).find("'shape': (3,)"),
            std::string::npos);
  EXPECT_NE(exec::encodeNpy(Tensor(2.5)).find("'shape': ()"),
            std::string::npos);
}

TEST(CodecTest, MalformedBytesAreCodecErrors) {
  std::string good = *exec::encodeValue(Value(Tensor({1.0, 2.0, 3.0})));
  for (size_t cut = 0; cut < good.size(); ++cut)
    EXPECT_THROW(exec::decodeValue(good.substr(0, cut)), exec::CodecError)
        << "cut at " << cut;
  std::string badVersion = good;
  badVersion[3] = 9;
  EXPECT_THROW(exec::decodeValue(badVersion), exec::CodecError);
  detail::registerCodec<Table>();
  std::string table = *exec::encodeValue(
      Value::host(std::make_shared<const std::any>(Table{{1}, {2}, "n"})));
  EXPECT_THROW(exec::decodeValue(table.substr(0, table.size() - 3)),
               exec::CodecError);
  EXPECT_THROW(exec::decodeValue(table + "xx"), exec::CodecError);
}
} // namespace
