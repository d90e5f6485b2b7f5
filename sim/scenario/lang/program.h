// The parsed program of an app: steps (statements and control blocks) over
// expressions, each with its place in the scenario file. Produced by
// parse_program(), run by App. Immutable once parsed; copies share expressions,
// and so do programs parsed through one ExprPool (equal trees are stored once:
// 1000 apps running the same steps hold one copy of them).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/builtins.h"
#include "sim/scenario/lang/operators.h"
#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/value.h"

namespace netsim::lang {

enum class ExprKind : uint8_t {
  Literal,     // literal
  Name,        // slot: a variable, else a socket-module constant (AF_INET, ...)
  Tuple,       // operands: items
  List,        // operands: items
  Call,        // function(operands...)
  MethodCall,  // operands[0].method(operands[1:]...)
  Index,       // operands[0][operands[1]]
  Slice,       // operands[0][operands[1]:operands[2]]; a missing bound is a None literal
  Unary,       // unary_op operands[0]
  Binary,      // operands[0] binary_op operands[1]
  Compare,  // operands[0] compare_ops[0] operands[1] compare_ops[1] operands[2] ... (Python chains)
  And,      // operands[0] and operands[1]: Python's short-circuit, yields an operand
  Or,
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind = ExprKind::Literal;
  Builtin function = Builtin::Len;  // Call
  Method method = Method::Encode;   // MethodCall
  UnaryOp unary_op = UnaryOp::Not;
  BinaryOp binary_op = BinaryOp::Add;
  // Levels of operands under this node, itself included (1 for a leaf); the
  // parser keeps it at most kMaxNesting.
  uint16_t height = 1;
  // Call, MethodCall: this call's slot among its step's calls. A step that
  // blocks is evaluated again on wake-up; calls already done answer from the
  // slot, so side effects happen once and `n = len(c.recv(10))` works.
  int32_t call_site = -1;
  // Where the node starts in its step's text: Step::at() makes it a file
  // position. Relative, so equal texts anywhere in the file share one tree.
  uint32_t offset = 0;
  uint32_t slot = 0;  // Name: the variable's slot in Program::names
  Value literal;
  std::vector<CompareOp> compare_ops;
  std::vector<ExprPtr> operands;
};

enum class StepKind : uint8_t {
  Assign,    // targets = expr
  Evaluate,  // expr (a call for its effect)
  Pass,
  Break,
  Continue,
  If,      // if expr: body else: orelse
  While,   // while expr: body
  Repeat,  // repeat expr times: body
  Try,     // try: body, then handlers in order
  Thread,  // body runs as a new task with a copy of the variables
};

struct Step;

struct Handler {
  std::vector<ErrorKind> catches;  // Python's rule: a listed class or any subclass
  SourceLoc loc;
  std::vector<Step> body;
};

// Fields in the order a running step reads them: the kind, its expression
// and targets first, places (only read for messages) and the rarer bodies last.
struct Step {
  StepKind kind = StepKind::Pass;
  bool unpack = false;  // Assign: `a, b = ...` (also `a, = ...`) rather than `a = ...`
  // Whether offsets in `expr`'s text map to columns (not in a multi-line scalar).
  bool text_exact = true;
  int call_sites = 0;  // calls in expr, numbered 0..call_sites-1
  ExprPtr expr;        // Assign, Evaluate: the value; If, While: condition; Repeat: count
  std::vector<uint32_t> targets;  // Assign: slots in order
  std::vector<Step> body;
  SourceLoc loc;
  // Where the text of `expr` starts (a condition's text is not its step's key).
  SourceLoc text;
  std::vector<Step> orelse;       // If
  std::vector<Handler> handlers;  // Try

  // The file position of offset `offset` in this step's text.
  SourceLoc at(uint32_t offset) const {
    return text_exact ? SourceLoc{text.line, text.col + static_cast<int>(offset)} : text;
  }
};

struct Program {
  std::string file;                // for messages: where the steps were written
  std::vector<Step> steps;         // the main task's steps
  std::vector<std::string> names;  // the variables by slot, in order of first appearance

  std::optional<uint32_t> slot_of(std::string_view name) const {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<uint32_t>(i);
    }
    return std::nullopt;
  }
};

}  // namespace netsim::lang
