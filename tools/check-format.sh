#!/usr/bin/env bash
# Checks that C++ sources are formatted as .clang-format says (LLVM style).
# Checks only, never rewrites.
#
#   tools/check-format.sh               every C++ file of the tree (git ls-files)
#   tools/check-format.sh BASE [HEAD]   only the lines changed between BASE
#                                       and HEAD (default: the work tree), e.g.
#                                       tools/check-format.sh origin/main
#
# Exits 1 and prints a diff of what clang-format would change if anything
# is not formatted. CLANG_FORMAT names the binary (default: clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
command -v "$CLANG_FORMAT" >/dev/null || {
  echo "check-format: '$CLANG_FORMAT' not found" >&2
  exit 2
}
PATTERN='\.(cpp|h|inc)$'
# Generated and test input files keep the form their tests need.
EXCLUDE='^(build|test/.*/Inputs)/'

status=0
check_file() { # file [--lines=A:B]...
  local file=$1
  shift
  # A lit test's CHECK lines name line:column positions in the file itself
  # (converter diagnostics, emitted twins), so reflowing it breaks the test.
  grep -q 'RUN:' "$file" && return 0
  if ! "$CLANG_FORMAT" --style=file "$@" "$file" | diff -u --label "$file" \
      --label "$file (clang-format)" "$file" -; then
    status=1
  fi
}

if [ $# -eq 0 ]; then
  while IFS= read -r f; do
    check_file "$f"
  done < <(git ls-files | grep -E "$PATTERN" | grep -Ev "$EXCLUDE" || true)
else
  base=$1
  head=${2:-}
  range=("$base")
  [ -n "$head" ] && range+=("$head")
  while IFS= read -r f; do
    [ -f "$f" ] || continue
    # The changed line ranges of f (new side of the diff), as --lines=A:B.
    mapfile -t lines < <(git diff -U0 "${range[@]}" -- "$f" |
      sed -n 's/^@@ -[0-9,]* +\([0-9]*\)\(,\([0-9]*\)\)\{0,1\} @@.*/\1 \3/p' |
      awk '{ n = ($2 == "") ? 1 : $2; if (n > 0) print "--lines=" $1 ":" $1 + n - 1 }')
    [ ${#lines[@]} -eq 0 ] && continue
    check_file "$f" "${lines[@]}"
  done < <(git diff --name-only --diff-filter=AM "${range[@]}" |
    grep -E "$PATTERN" | grep -Ev "$EXCLUDE" || true)
fi
exit $status
