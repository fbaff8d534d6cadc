//===- Terminal.h - stderr on a pseudo-terminal, scoped env -----*- C++ -*-===//
//
// Shared by the tests of what ag prints only on a terminal (diagnostic
// colours, the progress line): ctest runs tests with stderr on a pipe, where
// such output is off whatever the environment says, so a test without a
// terminal could not fail.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_UNIT_RUNTIME_TERMINAL_H
#define AG_TEST_UNIT_RUNTIME_TERMINAL_H

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <unistd.h>

namespace ag::test {

/// Makes stderr a terminal (a pseudo-terminal) while it lives; what is
/// written to it can be read back with read().
class StderrOnATerminal {
public:
  StderrOnATerminal() {
    master_ = posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0 || grantpt(master_) || unlockpt(master_))
      return;
    int terminal = open(ptsname(master_), O_RDWR | O_NOCTTY);
    if (terminal < 0)
      return;
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    dup2(terminal, STDERR_FILENO);
    close(terminal);
  }
  ~StderrOnATerminal() {
    if (saved_ >= 0) {
      std::fflush(stderr);
      dup2(saved_, STDERR_FILENO);
      close(saved_);
    }
    if (master_ >= 0)
      close(master_);
  }
  StderrOnATerminal(const StderrOnATerminal &) = delete;
  StderrOnATerminal &operator=(const StderrOnATerminal &) = delete;

  bool active() const { return saved_ >= 0 && isatty(STDERR_FILENO); }

  /// What was written to the terminal and not read yet, waiting up to
  /// `timeoutMs` for the first byte (0: only what is there now).
  std::string read(int timeoutMs = 0) {
    std::string out;
    struct pollfd pfd = {master_, POLLIN, 0};
    while (poll(&pfd, 1, out.empty() ? timeoutMs : 0) > 0 &&
           (pfd.revents & POLLIN)) {
      char buf[4096];
      ssize_t n = ::read(master_, buf, sizeof buf);
      if (n <= 0)
        break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

private:
  int master_ = -1, saved_ = -1;
};

/// Sets (or, for nullptr, unsets) an environment variable while it lives.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const char *value) : name_(name) {
    if (const char *old = std::getenv(name))
      old_ = old, hadOld_ = true;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { hadOld_ ? setenv(name_, old_.c_str(), 1) : unsetenv(name_); }

private:
  const char *name_;
  std::string old_;
  bool hadOld_ = false;
};

} // namespace ag::test

#endif // AG_TEST_UNIT_RUNTIME_TERMINAL_H
