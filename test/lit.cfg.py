# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "ag"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit",
                   "Differential", "Integration", "Fuzz", "Docs", "Mpi"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ag_obj_root, "test")

# Diagnostics must be byte-stable in FileCheck tests.
config.environment["NO_COLOR"] = "1"
config.environment.pop("AG_NUM_THREADS", None)

config.substitutions.append(("%ag_src", config.ag_src_root))
config.substitutions.append(("%ag_include", os.path.join(config.ag_src_root, "include")))
config.substitutions.append(("%ag_obj", config.ag_obj_root))
config.substitutions.append(("%cxx", config.cxx_compiler))

llvm_config.with_system_environment(["HOME", "TMP", "TEMP"])
llvm_config.use_default_substitutions()  # FileCheck, not, count, split-file
# `RUN: not tool ...` at the start of a line is not substituted: put LLVM's
# test tools on PATH for every suite.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.ag_tools_dir, config.llvm_tools_dir]
tools = ["ag-opt", "ag-convert", "ag-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Every piece a suite needs is part of the build: a missing one is an error
# of the whole run, never a test quietly turning UNSUPPORTED. The features
# stay for the tests' REQUIRES lines, and are always present.
lib = os.path.join(config.ag_obj_root, "lib")
required = {name: [os.path.join(config.ag_tools_dir, name)] for name in tools}
required["ag-runtime"] = [os.path.join(lib, "libag.so")]
required["ag-trace-driver"] = [
    os.path.join(lib, "lib%s.a" % name)
    for name in ["AGTraceMain", "AGTrace", "AGDialect", "AGRuntime"]]
for feature, paths in sorted(required.items()):
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        lit_config.fatal("'%s' is not built (missing %s): build the tree "
                         "first (ninja -C %s)" % (feature, ", ".join(missing),
                                                 config.ag_obj_root))
    config.available_features.add(feature)
