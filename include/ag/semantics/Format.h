//===- ag/semantics/Format.h - printf conversion specs ----------*- C++ -*-===//
//
// The one parser of a printf conversion (`%[flags][width][.precision]
// [length]conversion`) used by the tracer (converting a printf), the
// dialect's ag.print verifier and the runtime formatter. `*` widths and
// `%n` are rejected: they would read or write arguments that are not there.
// Header-only and standard-library-only, like ElementOps.h.
//
//===----------------------------------------------------------------------===//
#ifndef AG_SEMANTICS_FORMAT_H
#define AG_SEMANTICS_FORMAT_H

#include <cstddef>
#include <optional>
#include <string_view>

namespace ag::sem {

struct Conversion {
  std::string_view flags;  // '%', flags, width and precision
  std::string_view length; // the length modifier: "", "h", "hh", "l", ...
  char conversion;         // one of diuoxXfFeEgGaAcs
  size_t size;             // characters of the whole spec
};

/// Parses the conversion at the start of `text` (which starts with '%');
/// std::nullopt if it is not one the formatter supports.
inline std::optional<Conversion> parseConversion(std::string_view text) {
  auto in = [](char c, std::string_view set) {
    return c && set.find(c) != std::string_view::npos;
  };
  if (text.empty() || text[0] != '%')
    return std::nullopt;
  size_t i = 1, n = text.size();
  auto at = [&](size_t k) { return k < n ? text[k] : '\0'; };
  while (in(at(i), "-+ #0"))
    ++i;
  while (in(at(i), "0123456789"))
    ++i;
  if (at(i) == '.') {
    ++i;
    while (in(at(i), "0123456789"))
      ++i;
  }
  size_t lengthStart = i;
  while (in(at(i), "hlLqjzt"))
    ++i;
  if (!in(at(i), "diuoxXfFeEgGaAcs"))
    return std::nullopt;
  return Conversion{text.substr(0, lengthStart),
                    text.substr(lengthStart, i - lengthStart), text[i], i + 1};
}

} // namespace ag::sem

#endif // AG_SEMANTICS_FORMAT_H
