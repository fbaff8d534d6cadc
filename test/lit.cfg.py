# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "ag"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit",
                   "Differential", "Integration", "Fuzz", "Docs"]
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
tools = []
for name in ["ag-opt", "ag-convert", "ag-run"]:
    if os.path.exists(os.path.join(config.ag_tools_dir, name)):
        tools.append(name)
llvm_config.add_tool_substitutions(tools, tool_dirs)
for name in ["ag-opt", "ag-convert", "ag-run"]:
    if name in tools:
        config.available_features.add(name)
