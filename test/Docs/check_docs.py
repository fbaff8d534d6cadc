#!/usr/bin/env python3
"""Compiles the C++ code blocks of the user-facing docs (issue 10, item 23).

Every ```cpp block that includes <ag/ag.h> is a whole translation unit: it is
converted with ag-convert when it has AG_CONVERT functions and compiled. The
complete blocks of one document form one program: when one of them has a
main, they are linked together and run (so the user guide's main.cpp links
with its collatz.cpp). Blocks without #include are fragments of the text
around them and are counted, not compiled.

usage: check_docs.py --source DIR --build DIR --cxx CXX DOC.md...
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

BLOCK = re.compile(r"^```cpp[^\n]*\n(.*?)^```", re.S | re.M)


def run(cmd, what):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"error: {what} failed:\n$ {' '.join(cmd)}\n{r.stdout}{r.stderr}")
        return None
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("docs", nargs="+")
    a = ap.parse_args()
    include = os.path.join(a.source, "include")
    libdir = os.path.join(a.build, "lib")
    convert = os.path.join(a.build, "bin", "ag-convert")
    failed = passed = fragments = 0
    work = tempfile.mkdtemp(prefix="ag-docs-")
    for doc in a.docs:
        path = os.path.join(a.source, doc)
        text = open(path).read()
        sources = []
        for n, m in enumerate(BLOCK.finditer(text)):
            code = m.group(1)
            line = text[: m.start()].count("\n") + 2
            if "#include <ag/ag.h>" not in code:
                fragments += 1
                continue
            name = os.path.join(work, f"{os.path.basename(doc)}.{n}.cpp")
            # Diagnostics point at the doc's own line.
            open(name, "w").write(f'#line {line} "{path}"\n{code}')
            src = name
            if "AG_CONVERT" in code:
                out = run([convert, name, "--", "-std=c++17", f"-I{include}"],
                          f"{doc}:{line}: ag-convert")
                if out is None:
                    failed += 1
                    continue
                src = name + ".converted.cpp"
                open(src, "w").write(out)
            if run([a.cxx, "-std=c++17", "-fsyntax-only", f"-I{include}", src],
                   f"{doc}:{line}: compiling") is None:
                failed += 1
                continue
            passed += 1
            sources.append((src, "int main(" in code))
        mains = [s for s, has_main in sources if has_main]
        for m in mains:
            others = [s for s, has_main in sources if not has_main]
            exe = m + ".exe"
            if run([a.cxx, "-std=c++17", f"-I{include}", m, *others, "-o", exe,
                    f"-L{libdir}", "-lag", f"-Wl,-rpath,{libdir}"],
                   f"{doc}: linking {os.path.basename(m)}") is None:
                failed += 1
                continue
            out = run([exe], f"{doc}: running {os.path.basename(m)}")
            if out is None or "111" not in out:
                sys.stderr.write(f"error: {doc}: {os.path.basename(m)} did not print 111\n")
                failed += 1
    print(f"docs: {passed} passed, {failed} failed ({fragments} fragments not compiled)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
