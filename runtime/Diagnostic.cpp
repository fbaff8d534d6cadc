//===- Diagnostic.cpp - Rendering ag::Error like a compiler ---------------===//
//
// Text in clang's layout (location, severity, message; source line; caret
// and tildes under the range; notes the same way) and a JSON twin for tools.
// Kept free of LLVM so the runtime stays light.
//
//===----------------------------------------------------------------------===//

#include "ag/Error.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace ag {

namespace {

// clang's palette: bold locations/messages, red errors, black notes, green
// carets.
constexpr const char *kBold = "\033[1m";
constexpr const char *kRed = "\033[1;31m";
constexpr const char *kBlack = "\033[1;30m";
constexpr const char *kGreen = "\033[1;32m";
constexpr const char *kReset = "\033[0m";

/// Line `line` (1-based) of `file` without its newline, or false.
bool readSourceLine(const std::string &file, unsigned line, std::string &text) {
  std::ifstream in(file);
  if (!in)
    return false;
  for (unsigned i = 0; i < line; ++i)
    if (!std::getline(in, text))
      return false;
  if (!text.empty() && text.back() == '\r')
    text.pop_back();
  return true;
}

std::string locationPrefix(const SourceLoc &loc) {
  if (loc.file.empty())
    return "";
  std::string s = loc.file;
  if (loc.line) {
    s += ":" + std::to_string(loc.line);
    if (loc.col)
      s += ":" + std::to_string(loc.col);
  }
  return s + ": ";
}

void renderOne(std::string &out, const SourceLoc &loc, bool isError,
               const std::string &message, bool color) {
  std::string prefix = locationPrefix(loc);
  if (color && !prefix.empty())
    out += kBold;
  out += prefix;
  if (color)
    out += isError ? kRed : kBlack;
  out += isError ? "error: " : "note: ";
  if (color)
    out += std::string(kReset) + kBold;
  out += message;
  if (color)
    out += kReset;
  out += '\n';

  std::string source;
  if (!loc.known() || !readSourceLine(loc.file, loc.line, source))
    return;
  out += source + '\n';
  if (loc.col == 0 || loc.col > source.size() + 1)
    return;
  // Keep tabs so the caret lines up with the source as the terminal shows it.
  std::string caret;
  for (unsigned i = 0; i + 1 < loc.col; ++i)
    caret += source[i] == '\t' ? '\t' : ' ';
  if (color)
    caret += kGreen;
  caret += '^';
  if (loc.endLine == loc.line && loc.endCol > loc.col) {
    unsigned end = std::min<unsigned>(loc.endCol, source.size());
    if (end > loc.col)
      caret.append(end - loc.col, '~');
  }
  if (color)
    caret += kReset;
  out += caret + '\n';
}

void appendJSONString(std::string &out, const std::string &s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
}

void appendJSONLoc(std::string &out, const SourceLoc &loc) {
  out += "{\"file\":";
  appendJSONString(out, loc.file);
  out += ",\"line\":" + std::to_string(loc.line);
  out += ",\"col\":" + std::to_string(loc.col);
  out += ",\"endLine\":" + std::to_string(loc.endLine);
  out += ",\"endCol\":" + std::to_string(loc.endCol);
  out += ",\"function\":";
  appendJSONString(out, loc.function);
  out += ",\"name\":";
  appendJSONString(out, loc.name);
  out += '}';
}

const char *phaseName(Diagnostic::Phase phase) {
  switch (phase) {
  case Diagnostic::Phase::Conversion:
    return "conversion";
  case Diagnostic::Phase::Trace:
    return "trace";
  case Diagnostic::Phase::Evaluation:
    break;
  }
  return "evaluation";
}

} // namespace

std::string Diagnostic::render(bool color) const {
  std::string out;
  renderOne(out, loc, /*isError=*/true, message, color);
  for (const DiagnosticNote &note : notes)
    renderOne(out, note.loc, /*isError=*/false, note.message, color);
  return out;
}

std::string Diagnostic::toJSON() const {
  std::string out = "{\"severity\":\"error\",\"phase\":";
  appendJSONString(out, phaseName(phase));
  out += ",\"message\":";
  appendJSONString(out, message);
  out += ",\"location\":";
  appendJSONLoc(out, loc);
  out += ",\"notes\":[";
  for (size_t i = 0; i < notes.size(); ++i) {
    if (i)
      out += ',';
    out += "{\"message\":";
    appendJSONString(out, notes[i].message);
    out += ",\"location\":";
    appendJSONLoc(out, notes[i].loc);
    out += '}';
  }
  return out + "]}";
}

bool useColor() {
  // NO_COLOR (https://no-color.org) is the user's standing wish and wins;
  // AG_FORCE_COLOR=1 is for pipes that end in a terminal anyway (less -R,
  // CI logs that render ANSI) and for tests.
  const char *noColor = std::getenv("NO_COLOR");
  if (noColor && *noColor)
    return false;
  const char *force = std::getenv("AG_FORCE_COLOR");
  if (force && *force && std::string(force) != "0")
    return true;
  return isatty(fileno(stderr));
}

Error::Error(Diagnostic diag)
    : diag_(std::move(diag)), rendered_(diag_.render(/*color=*/false)) {
  // what() is often logged or piped, so it is never colored; callers that
  // print to a terminal re-render with useColor().
  if (!rendered_.empty() && rendered_.back() == '\n')
    rendered_.pop_back();
}

} // namespace ag
