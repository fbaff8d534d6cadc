//===- Diagnostic.cpp - Rendering ag::Error like a compiler ---------------===//
//
// Text in clang's layout (location, severity, message; source line; caret
// and tildes under the range; notes the same way) and a JSON twin for tools.
// Kept free of LLVM so the runtime stays light.
//
//===----------------------------------------------------------------------===//

#include "ag/Error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace ag {

namespace {

// clang's palette: bold locations/messages, red errors, black notes, green
// carets.
constexpr const char *kBold = "\033[1m";
constexpr const char *kRed = "\033[1;31m";
constexpr const char *kBlack = "\033[1;30m";
constexpr const char *kGreen = "\033[1;32m";
constexpr const char *kReset = "\033[0m";

// A source line is quoted only from a regular file of at most this size,
// and only if the line itself is short: a location is data (a graph file
// can name /dev/zero, a FIFO or a 10 GB log), never a reason to read much.
constexpr off_t kMaxSourceBytes = 16 << 20;
constexpr size_t kMaxSourceLine = 4096;

/// Line `line` (1-based) of `file` without its newline, or false. Never
/// blocks and never opens anything but a regular file: stat first (opening
/// a device can have effects), then open non-blocking and check that the
/// opened file is the one stat saw.
bool readSourceLine(const std::string &file, unsigned line, std::string &text) {
  struct stat before;
  if (::stat(file.c_str(), &before) != 0 || !S_ISREG(before.st_mode) ||
      before.st_size > kMaxSourceBytes)
    return false;
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat opened;
  if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) ||
      opened.st_dev != before.st_dev || opened.st_ino != before.st_ino) {
    ::close(fd);
    return false;
  }
  FILE *in = ::fdopen(fd, "r");
  if (!in) {
    ::close(fd);
    return false;
  }
  unsigned current = 1;
  off_t consumed = 0;
  text.clear();
  bool found = false;
  for (int c; (c = std::fgetc(in)) != EOF && ++consumed <= kMaxSourceBytes;) {
    if (c == '\n') {
      if (current++ == line) {
        found = true;
        break;
      }
      continue;
    }
    if (current == line && text.size() <= kMaxSourceLine)
      text += static_cast<char>(c);
  }
  // The last line may lack its newline.
  found = found || (current == line && !text.empty());
  std::fclose(in);
  if (!found || text.size() > kMaxSourceLine)
    return false;
  if (!text.empty() && text.back() == '\r')
    text.pop_back();
  return true;
}

/// The length of the well-formed UTF-8 sequence at text[i] (2 to 4 bytes:
/// not overlong, no surrogate, at most U+10FFFF) and its code point, or 0
/// for an ASCII byte or a byte that starts no such sequence.
size_t decodeUtf8(const std::string &text, size_t i, uint32_t &cp) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
  if (n == 0 || c > 0xf4 || i + n > text.size())
    return 0;
  cp = c & (0x7f >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (next & 0x3f);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

/// Invisible characters that reorder or hide text in a terminal or editor
/// ("Trojan Source", CVE-2021-42574): bidirectional overrides, embeddings
/// and isolates, zero-width characters and the byte order mark.
bool isInvisibleFormat(uint32_t cp) {
  return cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
         cp == 0xfeff;
}

/// Appends byte `c` of `text` (at `i`) escaped if it is a control character,
/// an invisible format character or not well-formed UTF-8; returns how many
/// bytes it consumed.
size_t appendEscaped(std::string &out, const std::string &text, size_t i,
                     bool keepNewlines, bool keepTabs) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  char buf[8];
  if ((c == '\n' && keepNewlines) || (c == '\t' && keepTabs)) {
    out += static_cast<char>(c);
    return 1;
  }
  if (c < 0x20 || c == 0x7f) {
    std::snprintf(buf, sizeof(buf), "\\x%02x", c);
    out += buf;
    return 1;
  }
  if (c < 0x80) {
    out += static_cast<char>(c);
    return 1;
  }
  uint32_t cp = 0;
  size_t n = decodeUtf8(text, i, cp);
  if (n == 0) { // a stray byte: shown, never passed to the terminal
    std::snprintf(buf, sizeof(buf), "\\x%02x", c);
    out += buf;
    return 1;
  }
  // C1 controls (U+0080..U+009F) include CSI and OSC.
  if (cp <= 0x9f || isInvisibleFormat(cp)) {
    std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(cp));
    out += buf;
    return n;
  }
  out.append(text, i, n);
  return n;
}

std::string locationPrefix(const SourceLoc &loc) {
  if (loc.file.empty())
    return "";
  std::string s = escapeControlChars(loc.file);
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
  out += escapeControlChars(message, /*keepNewlines=*/true);
  if (color)
    out += kReset;
  out += '\n';

  std::string source;
  if (!loc.known() || !loc.showSource ||
      !readSourceLine(loc.file, loc.line, source))
    return;
  // Escape the line, remembering where each source column starts so the
  // caret still points at it.
  std::string shown;
  std::vector<size_t> columnStart;
  for (size_t i = 0; i < source.size();) {
    size_t at = shown.size();
    size_t used = appendEscaped(shown, source, i, /*keepNewlines=*/false,
                                /*keepTabs=*/true);
    for (size_t k = 0; k < used; ++k)
      columnStart.push_back(at);
    i += used;
  }
  columnStart.push_back(shown.size());
  out += shown + '\n';
  if (loc.col == 0 || loc.col > source.size() + 1)
    return;
  // Keep tabs so the caret lines up with the source as the terminal shows it.
  std::string caret;
  for (size_t i = 0; i < columnStart[loc.col - 1]; ++i)
    caret += shown[i] == '\t' ? '\t' : ' ';
  if (color)
    caret += kGreen;
  caret += '^';
  if (loc.endLine == loc.line && loc.endCol > loc.col) {
    unsigned end = std::min<unsigned>(loc.endCol, source.size());
    if (end > loc.col)
      caret.append(columnStart[end] - columnStart[loc.col - 1] - 1, '~');
  }
  if (color)
    caret += kReset;
  out += caret + '\n';
}

} // namespace

void appendJSONString(std::string &out, const std::string &s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char buf[8];
    if (c >= 0x80) {
      // JSON is UTF-8: a stray byte becomes U+FFFD; C1 controls and
      // invisible format characters are written as escapes.
      uint32_t cp = 0;
      size_t n = decodeUtf8(s, i, cp);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else if (cp <= 0x9f || isInvisibleFormat(cp)) {
        std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(cp));
        out += buf;
        i += n;
      } else {
        out.append(s, i, n);
        i += n;
      }
      continue;
    }
    ++i;
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
      if (c < 0x20 || c == 0x7f) {
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
}

namespace {

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
  case Diagnostic::Phase::Parse:
    return "parse";
  case Diagnostic::Phase::Verify:
    return "verify";
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

std::string escapeControlChars(const std::string &text, bool keepNewlines) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();)
    i += appendEscaped(out, text, i, keepNewlines, /*keepTabs=*/true);
  return out;
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
