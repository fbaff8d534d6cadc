//===- DiagnosticTest.cpp - Rendering of ag::Error ------------------------===//

#include "ag/Error.h"

#include "Terminal.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace ag;

namespace {

class DiagnosticTest : public ::testing::Test {
protected:
  void SetUp() override {
    char name[] = "/tmp/ag-diag-XXXXXX.cpp";
    int fd = mkstemps(name, 4);
    ASSERT_GE(fd, 0);
    close(fd);
    path = name;
    std::ofstream out(path);
    out << "ag::Tensor f(ag::Tensor a) {\n"
        << "  ag::Tensor d = 0;\n"
        << "  a = a / d;\n"
        << "\treturn a;\n"
        << "}\n";
  }
  void TearDown() override { std::remove(path.c_str()); }

  SourceLoc loc(unsigned line, unsigned col, unsigned endCol = 0) {
    SourceLoc l;
    l.file = path;
    l.line = line;
    l.col = col;
    l.endLine = endCol ? line : 0;
    l.endCol = endCol;
    return l;
  }

  std::string path;
};

TEST_F(DiagnosticTest, RendersSourceLineCaretAndNotes) {
  Diagnostic diag;
  diag.loc = loc(3, 7, 11);
  diag.message = "integer division by zero";
  diag.notes.push_back({loc(1, 1), "in 'f'"});
  EXPECT_EQ(diag.render(), path +
                               ":3:7: error: integer division by zero\n"
                               "  a = a / d;\n"
                               "      ^~~~~\n" +
                               path +
                               ":1:1: note: in 'f'\n"
                               "ag::Tensor f(ag::Tensor a) {\n"
                               "^\n");
}

TEST_F(DiagnosticTest, CaretKeepsTabs) {
  Diagnostic diag;
  diag.loc = loc(4, 9);
  diag.message = "m";
  EXPECT_EQ(diag.render(), path + ":4:9: error: m\n\treturn a;\n\t       ^\n");
}

TEST_F(DiagnosticTest, ErrorWhatIsTheRenderedText) {
  Diagnostic diag;
  diag.loc = loc(2, 3);
  diag.message = "boom";
  Error err(diag);
  EXPECT_EQ(std::string(err.what()),
            path + ":2:3: error: boom\n  ag::Tensor d = 0;\n  ^");
  EXPECT_EQ(err.loc().line, 2u);
}

TEST_F(DiagnosticTest, Colors) {
  Diagnostic diag;
  diag.loc = loc(2, 3);
  diag.message = "boom";
  std::string colored = diag.render(/*color=*/true);
  EXPECT_NE(colored.find("\033[1;31merror: "), std::string::npos);
  EXPECT_NE(colored.find("\033[1;32m^"), std::string::npos);
  EXPECT_EQ(diag.render(false).find('\033'), std::string::npos);
}

TEST(DiagnosticNoFileTest, MissingFileDropsTheSnippet) {
  Diagnostic diag;
  diag.loc.file = "/nonexistent/dir/collatz.cpp";
  diag.loc.line = 9;
  diag.loc.col = 13;
  diag.message = "integer division by zero";
  EXPECT_EQ(diag.render(),
            "/nonexistent/dir/collatz.cpp:9:13: error: integer division by "
            "zero\n");
}

TEST(DiagnosticNoFileTest, LineBeyondTheFileDropsTheSnippet) {
  Diagnostic diag;
  diag.loc.file = "/dev/null";
  diag.loc.line = 3;
  diag.message = "x";
  EXPECT_EQ(diag.render(), "/dev/null:3: error: x\n");
}

TEST(DiagnosticNoFileTest, UnknownLocation) {
  Diagnostic diag;
  diag.message = "no location";
  EXPECT_EQ(diag.render(), "error: no location\n");
}

TEST(DiagnosticNoFileTest, JSONEscapes) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Trace;
  diag.loc.file = "a\"b.cpp";
  diag.loc.line = 1;
  diag.loc.col = 2;
  diag.loc.name = "x";
  diag.message = "line\nbreak\\\x01";
  diag.notes.push_back({SourceLoc(), "n"});
  EXPECT_EQ(diag.toJSON(),
            "{\"severity\":\"error\",\"phase\":\"trace\",\"message\":"
            "\"line\\nbreak\\\\\\u0001\",\"location\":{\"file\":\"a\\\"b.cpp\","
            "\"line\":1,\"col\":2,\"endLine\":0,\"endCol\":0,\"function\":\"\","
            "\"name\":\"x\"},\"notes\":[{\"message\":\"n\",\"location\":"
            "{\"file\":\"\",\"line\":0,\"col\":0,\"endLine\":0,\"endCol\":0,"
            "\"function\":\"\",\"name\":\"\"}}]}");
}

using test::ScopedEnv;
using test::StderrOnATerminal;

TEST(DiagnosticNoFileTest, ColorOnATerminal) {
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test colors on";
  ScopedEnv noColor("NO_COLOR", nullptr);
  ScopedEnv force("AG_FORCE_COLOR", nullptr);
  EXPECT_TRUE(useColor());
}

TEST(DiagnosticNoFileTest, NoColorIsRespected) {
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test colors on";
  ScopedEnv force("AG_FORCE_COLOR", nullptr);
  ScopedEnv noColor("NO_COLOR", "1");
  EXPECT_FALSE(useColor());
}

TEST(DiagnosticNoFileTest, NoColorEmptyIsUnset) {
  // no-color.org: only a non-empty NO_COLOR disables colors.
  StderrOnATerminal terminal;
  ASSERT_TRUE(terminal.active()) << "no pseudo-terminal to test colors on";
  ScopedEnv force("AG_FORCE_COLOR", nullptr);
  ScopedEnv noColor("NO_COLOR", "");
  EXPECT_TRUE(useColor());
}

TEST(DiagnosticNoFileTest, NoColorOffATerminal) {
  ScopedEnv noColor("NO_COLOR", nullptr);
  ScopedEnv force("AG_FORCE_COLOR", nullptr);
  EXPECT_EQ(useColor(), static_cast<bool>(isatty(STDERR_FILENO)));
}

TEST(DiagnosticNoFileTest, ForceColorUnlessNoColor) {
  ScopedEnv noColor("NO_COLOR", nullptr);
  {
    ScopedEnv force("AG_FORCE_COLOR", "1");
    EXPECT_TRUE(useColor());
    // NO_COLOR is the user's wish and wins over forcing.
    ScopedEnv noColorAgain("NO_COLOR", "1");
    EXPECT_FALSE(useColor());
  }
  ScopedEnv force("AG_FORCE_COLOR", "0");
  EXPECT_EQ(useColor(), static_cast<bool>(isatty(STDERR_FILENO)));
}

TEST_F(DiagnosticTest, ShowSourceFalseNeverOpensTheFile) {
  Diagnostic diag;
  diag.loc = loc(2, 3);
  diag.loc.showSource = false;
  diag.message = "boom";
  EXPECT_EQ(diag.render(), path + ":2:3: error: boom\n");
}

TEST(DiagnosticNoFileTest, DevicesAndFifosAreNotRead) {
  // /dev/zero is endless and a FIFO with no writer blocks: render() must
  // return at once without a snippet.
  char dir[] = "/tmp/ag-diag-fifo-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string fifo = std::string(dir) + "/f.cpp";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (std::string file : {std::string("/dev/zero"), fifo, std::string(dir)}) {
    Diagnostic diag;
    diag.loc.file = file;
    diag.loc.line = 1;
    diag.loc.col = 1;
    diag.message = "x";
    EXPECT_EQ(diag.render(), file + ":1:1: error: x\n");
  }
  std::remove(fifo.c_str());
  rmdir(dir);
}

TEST_F(DiagnosticTest, ControlCharactersAreEscaped) {
  std::ofstream(path) << "a = \033[31mx\033[0m / d;\n";
  Diagnostic diag;
  diag.loc = loc(1, 10, 15);
  diag.message = "m\033]0;t\a \xc2\x9b";
  diag.loc.file = path;
  std::string out = diag.render();
  EXPECT_EQ(out.find('\033'), std::string::npos);
  EXPECT_EQ(out.find('\a'), std::string::npos);
  // The caret still points at `x`; the tildes cover `\x1b[0m ` (to col 15).
  EXPECT_EQ(out, path + ":1:10: error: m\\x1b]0;t\\x07 \\u009b\n"
                        "a = \\x1b[31mx\\x1b[0m / d;\n"
                        "            ^~~~~~~~~\n");
  EXPECT_EQ(escapeControlChars("a\nb\tc"), "a\\x0ab\tc");
  EXPECT_EQ(escapeControlChars("a\nb", /*keepNewlines=*/true), "a\nb");
}

// Bidirectional overrides and zero-width characters (Trojan Source) and
// bytes that are not well-formed UTF-8 are escaped; other UTF-8 is kept.
TEST(DiagnosticNoFileTest, UnicodeIsEscapedWhereItHides) {
  EXPECT_EQ(escapeControlChars("\xe2\x80\xae"
                               "abc\xe2\x81\xa6\xe2\x80\x8b"
                               "\xef\xbb\xbf"),
            "\\u202eabc\\u2066\\u200b\\ufeff");
  // Stray, overlong, surrogate, beyond U+10FFFF, truncated.
  EXPECT_EQ(
      escapeControlChars("\xff\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe2\x80"),
      "\\xff\\xc0\\x80\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80\\xe2\\x80");
  EXPECT_EQ(escapeControlChars("\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80"),
            "\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80");
  // JSON stays valid UTF-8: a stray byte is U+FFFD.
  std::string json;
  appendJSONString(json, "\xe2\x80\xae\xff\xc3\xa9\x7f");
  EXPECT_EQ(json, "\"\\u202e\\ufffd\xc3\xa9\\u007f\"");
}

} // namespace
