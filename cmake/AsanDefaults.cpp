//===- AsanDefaults.cpp - ASan options every instrumented ag program needs ===//
//
// Linked into every executable of an AddressSanitizer build (the end of the
// top-level CMakeLists.txt). ag is instrumented, Debian's libLLVM and
// libMLIR are not, and both allocate from the same llvm::BumpPtrAllocator:
// an MLIRContext's type and attribute storage. The allocator's header code
// poisons a new slab whole and unpoisons each piece it hands out, but only
// where it is compiled instrumented. When ag's code (the dialect's type
// constructors: an !ag.host name copied into the context) starts a slab,
// the pieces libMLIR later hands out of it (a FunctionType) stay poisoned,
// and ag's next read of one is a false use-after-poison (docs/security.md).
// allow_user_poisoning=0 turns off these manual annotations only; ASan's
// own redzones, quarantine and leak checks are unchanged. Programs built
// outside CMake get it from ASAN_OPTIONS (tools/dev.sh).
//
//===----------------------------------------------------------------------===//

extern "C" __attribute__((visibility("default"), used)) const char *
__asan_default_options() {
  return "allow_user_poisoning=0";
}
