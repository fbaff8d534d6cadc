//===- ag/Error.h - Source-mapped diagnostics -------------------*- C++ -*-===//
//
// Every failure the user sees (tracing or evaluation) is an ag::Error whose
// what() reads like a compiler diagnostic on the user's own file:
//   file:line:col: error: message / source line / caret / notes.
//
//===----------------------------------------------------------------------===//
#ifndef AG_ERROR_H
#define AG_ERROR_H

#include <cstdint>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ag {

/// A place in the user's original source. Self-contained (owns its strings) so
/// a graph loaded on another machine still reports file:line:col.
struct SourceLoc {
  std::string file;
  unsigned line = 0, col = 0;       // 1-based; 0 means unknown
  unsigned endLine = 0, endCol = 0; // inclusive end of the range, 0 if none
  std::string function;             // enclosing annotated function
  std::string name;                 // variable being assigned, if any
  /// Whether render() may open `file` to quote the source line. Locations
  /// traced from converted code name the program's own sources; a graph
  /// file can name any path (/etc/shadow, /dev/zero, a FIFO), so Graph::load
  /// clears this outside the directories the user allowed (LoadOptions).
  bool showSource = true;

  bool known() const { return !file.empty() && line != 0; }
};

/// A note attached to a diagnostic ("called from here", loop iteration...).
struct DiagnosticNote {
  SourceLoc loc;
  std::string message;
};

/// The structured parts of a diagnostic.
struct Diagnostic {
  /// Parse: a graph's text is not valid MLIR; Verify: a parsed graph is
  /// malformed or cannot be lowered (Graph::load, Graph::parse).
  enum class Phase { Conversion, Trace, Parse, Verify, Evaluation };
  Phase phase = Phase::Evaluation;
  SourceLoc loc;
  std::string message;
  std::vector<DiagnosticNote> notes;
  /// What a graph-level try (a converted `try`/`catch`, ag.try) does with
  /// an evaluation error: Std is caught by `catch (const std::exception &)`
  /// and `catch (...)`; Other (an AG_NODE function threw something not
  /// derived from std::exception) only by `catch (...)`; None (cancellation,
  /// an evaluation limit) by neither.
  enum class Catch : uint8_t { Std, Other, None };
  Catch catchAs = Catch::Std;
  /// The `what()` of the exception an AG_NODE function threw (what the
  /// catch sees as `e.what()`); empty for other errors (the catch sees the
  /// message).
  std::string thrown;
  /// That exception itself (null for other errors, and for a node that ran
  /// on another MPI rank), which a converted `catch` of a particular type
  /// matches as C++ would.
  std::exception_ptr thrownException;

  /// Renders like clang: location, message, source line and caret, notes.
  /// The snippet is dropped when the file cannot be read, is not a regular
  /// file, is too large, or the location's showSource is false. Control
  /// characters in every printed string (file, message, source line) are
  /// escaped, so a graph cannot send terminal escape sequences. `color` adds
  /// ANSI colors (callers decide from isatty/NO_COLOR, see useColor()).
  std::string render(bool color = false) const;
  /// The same content as a JSON object (for tools and editors).
  std::string toJSON() const;
};

/// `text` with control characters (C0 except tab and, if `keepNewlines`,
/// newline; DEL; C1 as UTF-8) written as \xHH / \u00HH: safe to print to a
/// terminal whatever a graph file put in it.
std::string escapeControlChars(const std::string &text,
                               bool keepNewlines = false);

/// Appends `s` to `out` as a quoted JSON string, control characters escaped.
/// The one JSON string writer of the runtime (diagnostics, profiler traces).
void appendJSONString(std::string &out, const std::string &s);

/// True when NO_COLOR is unset (or empty) and stderr is a terminal or
/// AG_FORCE_COLOR is set (to anything but "0").
bool useColor();

/// The exception the user-facing runtime API throws.
class Error : public std::exception {
public:
  explicit Error(Diagnostic diag);
  const char *what() const noexcept override { return rendered_.c_str(); }
  const Diagnostic &diagnostic() const { return diag_; }
  const SourceLoc &loc() const { return diag_.loc; }
  const std::string &message() const { return diag_.message; }
  const std::vector<DiagnosticNote> &notes() const { return diag_.notes; }

private:
  Diagnostic diag_;
  std::string rendered_;
};

} // namespace ag

#endif // AG_ERROR_H
