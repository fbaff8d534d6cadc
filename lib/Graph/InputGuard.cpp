//===- InputGuard.cpp - Reject graph text that crashes MLIR 19's parser ---===//
//
// A lexical scan, not a parser: it tracks `{}` scopes and which `%names`
// are defined in them, and classifies each `%name` as a definition (results
// before `=`, arguments in `@f(...)` or `^bb(...)`, custom-syntax region
// arguments like `%i = %lb` of ag.for) or a use. It errs on the side of
// rejecting: ag's printer never writes what it rejects.
//
//===----------------------------------------------------------------------===//

#include "InputGuard.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <cctype>
#include <string>

using llvm::StringRef;

namespace ag::detail {

namespace {

bool isIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         c == '.' || c == '-';
}

class Scanner {
public:
  explicit Scanner(StringRef text) : text_(text) { scopes_.emplace_back(); }

  std::optional<UnsafeSyntax> run() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '{' || c == '(' || c == '[' || c == '<') {
        if (++depth_ > kMaxNesting)
          return reject("brackets are nested more than " +
                        std::to_string(kMaxNesting) +
                        " levels deep (MLIR 19's parser recurses once per "
                        "level and would overflow the stack)");
      } else if ((c == '}' || c == ')' || c == ']' ||
                  (c == '>' && pos_ > 0 && text_[pos_ - 1] != '-')) &&
                 depth_ > 0) {
        --depth_;
      }
      if (c == '/' && peek(1) == '/') {
        while (pos_ < text_.size() && text_[pos_] != '\n')
          advance();
      } else if (c == '"') {
        skipString();
      } else if (c == '{' && peek(1) == '-' && peek(2) == '#') {
        return reject("file metadata ({-# ... #-}, resource blobs) is not "
                      "accepted in graph files");
      } else if (c == '{') {
        scopes_.emplace_back();
        advance();
      } else if (c == '}') {
        if (scopes_.size() > 1)
          scopes_.pop_back();
        advance();
      } else if (c == '(') {
        parenOwners_.push_back(lastToken_);
        lastToken_.clear();
        advance();
      } else if (c == ')') {
        if (!parenOwners_.empty())
          parenOwners_.pop_back();
        lastToken_ = ")";
        advance();
      } else if (c == '%') {
        if (auto bad = valueToken())
          return bad;
      } else if (c == '@' || c == '^' || c == '#' || c == '!') {
        // Symbols, block labels, aliases and dialect types: one token, so
        // that `#sparse` is not the `sparse` keyword.
        // A quoted symbol (`@"f"`) is one token too, and bytes that are not
        // ASCII stay in the token: either way `(%x: t)` after it defines
        // %x, and MLIR's parser judges the name.
        size_t start = pos_;
        advance();
        if (c == '@' && pos_ < text_.size() && text_[pos_] == '"')
          skipString();
        while (pos_ < text_.size() &&
               (isIdChar(text_[pos_]) ||
                static_cast<unsigned char>(text_[pos_]) >= 0x80))
          advance();
        lastToken_ = text_.slice(start, pos_).str();
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t start = pos_;
        unsigned line = line_, col = col_;
        while (pos_ < text_.size() && isIdChar(text_[pos_]))
          advance();
        StringRef word = text_.slice(start, pos_);
        if ((word == "sparse" || word == "dense_resource") &&
            nextSignificant() == '<')
          return UnsafeSyntax{line, col,
                              "'" + word.str() +
                                  "' elements attributes are not accepted in "
                                  "graph files (MLIR 19's parser crashes on "
                                  "some of them); use dense<...>"};
        lastToken_ = word.str();
      } else {
        if (!std::isspace(static_cast<unsigned char>(c)))
          lastToken_ = std::string(1, c);
        advance();
      }
    }
    return std::nullopt;
  }

private:
  char peek(size_t ahead) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }

  void skipString() {
    advance(); // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size())
        advance();
      advance();
    }
    if (pos_ < text_.size())
      advance();
    lastToken_ = "\"";
  }

  /// The next non-blank character from `from` (default: the current
  /// position), and its offset.
  char nextSignificant(size_t from = StringRef::npos,
                       size_t *at = nullptr) const {
    size_t i = from == StringRef::npos ? pos_ : from;
    while (i < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[i])))
      ++i;
    if (at)
      *at = i;
    return i < text_.size() ? text_[i] : '\0';
  }

  /// `%name`, `%name:2` or `%name#1` at `i`: the name, and the offset after
  /// the token.
  StringRef valueAt(size_t i, size_t &end) const {
    size_t start = i++;
    while (i < text_.size() && isIdChar(text_[i]))
      ++i;
    StringRef name = text_.slice(start, i);
    if (i < text_.size() && (text_[i] == ':' || text_[i] == '#') &&
        i + 1 < text_.size() &&
        std::isdigit(static_cast<unsigned char>(text_[i + 1]))) {
      ++i;
      while (i < text_.size() &&
             std::isdigit(static_cast<unsigned char>(text_[i])))
        ++i;
    }
    end = i;
    return name;
  }

  /// Whether the `%value` list starting at `from` (after a comma) ends with
  /// `=` (a result list: `%a, %b = op`).
  bool listEndsInAssignment(size_t from) const {
    size_t i = from;
    while (true) {
      size_t at;
      char c = nextSignificant(i, &at);
      if (c != ',')
        return c == '=' && (at + 1 >= text_.size() || text_[at + 1] != '=');
      c = nextSignificant(at + 1, &at);
      if (c != '%')
        return false;
      valueAt(at, i);
    }
  }

  bool defined(StringRef name) const {
    for (const llvm::StringSet<> &scope : scopes_)
      if (scope.contains(name))
        return true;
    return false;
  }

  std::optional<UnsafeSyntax> valueToken() {
    unsigned line = line_, col = col_;
    size_t end;
    StringRef name = valueAt(pos_, end);
    bool afterAssign = lastToken_ == "=";
    while (pos_ < end)
      advance();
    lastToken_ = "%";
    size_t at;
    char next = nextSignificant(pos_, &at);
    bool definition = false;
    if (next == '=' && (at + 1 >= text_.size() || text_[at + 1] != '='))
      definition = true; // `%r = op`, `%i = %lb` (ag.for), `%a = %init`
    else if (next == ',' && !afterAssign)
      definition = listEndsInAssignment(pos_); // `%a, %b = op`
    else if (next == ':' && !parenOwners_.empty() &&
             (llvm::StringRef(parenOwners_.back()).starts_with("@") ||
              llvm::StringRef(parenOwners_.back()).starts_with("^")))
      definition = true; // `@f(%x: t)`, `^bb0(%x: t)`
    if (definition) {
      scopes_.back().insert(name);
      return std::nullopt;
    }
    if (name.size() > 1 && !defined(name))
      return UnsafeSyntax{line, col,
                          "'" + name.str() +
                              "' is used before its definition: graph files "
                              "may not refer to values ahead (MLIR 19's "
                              "parser crashes on some forward references)"};
    return std::nullopt;
  }

  UnsafeSyntax reject(std::string message) const {
    return UnsafeSyntax{line_, col_, std::move(message)};
  }

  /// Nesting of `{ ( [ <` together: regions, attribute lists, locations and
  /// types each recurse in the parser. ag writes a few levels per nested
  /// region (the lowering allows 256) plus a literal's rank.
  static constexpr unsigned kMaxNesting = 512;

  StringRef text_;
  size_t pos_ = 0;
  unsigned depth_ = 0;
  unsigned line_ = 1, col_ = 1;
  std::string lastToken_;
  llvm::SmallVector<std::string, 8> parenOwners_;
  llvm::SmallVector<llvm::StringSet<>, 8> scopes_;
};

} // namespace

std::optional<UnsafeSyntax> findUnsafeSyntax(StringRef text) {
  return Scanner(text).run();
}

} // namespace ag::detail
