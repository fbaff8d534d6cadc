//===- ag/ag.h - The one header users include -------------------*- C++ -*-===//
//
// Mark a function with AG_CONVERT and write plain C++ over ag::Tensor. It runs
// eagerly as written; ag-convert adds a graph-building twin at build time and
// ag::function(&f) calls that twin as a lazily evaluated graph.
//
//===----------------------------------------------------------------------===//
#ifndef AG_AG_H
#define AG_AG_H

#include "ag/Error.h"
#include "ag/Function.h"
#include "ag/Graph.h"
#include "ag/Node.h"
#include "ag/Tensor.h"
#include "ag/TensorList.h"
#include "ag/staging.h"

/// Marks a function for conversion. A Clang annotation, so ag-convert finds
/// it in the AST; expands to nothing on other compilers (eager code builds
/// anywhere).
#if defined(__clang__)
#define AG_CONVERT [[clang::annotate("ag.convert")]]
#else
#define AG_CONVERT
#endif

#endif // AG_AG_H
