//===- ag/semantics/Format.h - printf conversion specs ----------*- C++ -*-===//
//
// The one parser of a printf conversion (`%[flags][width][.precision]
// [length]conversion`) used by ag-convert (a printf of e.what()), the tracer
// (converting a printf), the dialect's ag.print verifier and the runtime
// formatter. scanSpec splits a spec as written; parseConversion accepts the
// ones the formatter supports: `*` widths and `%n` are rejected there, they
// would read or write arguments that are not there.
// Header-only and standard-library-only, like ElementOps.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_FORMAT_H
#define AG_SEMANTICS_FORMAT_H

#include <cstddef>
#include <optional>
#include <string_view>

namespace ag::sem {

/// A conversion spec as written, `%[flags][width][.precision][length]c`,
/// before any check that the formatter supports it.
struct Spec {
  std::string_view flags;     // the flag characters, any of -+ #0'
  std::string_view width;     // digits, "*" or ""
  bool hasPrecision;          // a '.' follows the width
  std::string_view precision; // after the '.': digits, "*" or ""
  std::string_view length;    // the length modifier: "", "h", "hh", "l", ...
  char conversion;            // the conversion character, '\0' at the end
  size_t lengthStart;         // characters before the length modifier
  size_t size;                // characters of the whole spec
};

/// Scans the spec at the start of `text` (which starts with '%'). Every
/// reader of a printf format splits its specs here.
inline Spec scanSpec(std::string_view text) {
  auto in = [](char c, std::string_view set) {
    return c && set.find(c) != std::string_view::npos;
  };
  size_t i = 1, n = text.size();
  auto at = [&](size_t k) { return k < n ? text[k] : '\0'; };
  // The characters from `i` on that are in `set`, or one '*'.
  auto field = [&](std::string_view set) {
    size_t start = i;
    if (at(i) == '*')
      ++i;
    else
      while (in(at(i), set))
        ++i;
    return text.substr(start, i - start);
  };
  Spec spec{};
  size_t flagsStart = i;
  while (in(at(i), "-+ #0'"))
    ++i;
  spec.flags = text.substr(flagsStart, i - flagsStart);
  spec.width = field("0123456789");
  spec.hasPrecision = at(i) == '.';
  if (spec.hasPrecision) {
    ++i;
    spec.precision = field("0123456789");
  }
  spec.lengthStart = i;
  while (in(at(i), "hlLqjzt"))
    ++i;
  spec.length = text.substr(spec.lengthStart, i - spec.lengthStart);
  spec.conversion = at(i);
  spec.size = i < n ? i + 1 : i;
  return spec;
}

struct Conversion {
  std::string_view flags;  // '%', flags, width and precision
  std::string_view length; // the length modifier: "", "h", "hh", "l", ...
  char conversion;         // one of diuoxXfFeEgGaAcs
  size_t size;             // characters of the whole spec
};

/// Parses the conversion at the start of `text` (which starts with '%');
/// std::nullopt if it is not one the formatter supports.
inline std::optional<Conversion> parseConversion(std::string_view text) {
  if (text.empty() || text[0] != '%')
    return std::nullopt;
  Spec spec = scanSpec(text);
  if (spec.flags.find('\'') != std::string_view::npos || spec.width == "*" ||
      spec.precision == "*" || !spec.conversion ||
      std::string_view("diuoxXfFeEgGaAcs").find(spec.conversion) ==
          std::string_view::npos)
    return std::nullopt;
  return Conversion{text.substr(0, spec.lengthStart), spec.length,
                    spec.conversion, spec.size};
}

} // namespace ag::sem

#endif // AG_SEMANTICS_FORMAT_H
