// The parsed program of an app: steps (statements and control blocks) over
// expressions, each with its place in the scenario file. Produced by
// parse_program(), run by App. Immutable once parsed; copies share expressions.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/builtins.h"
#include "sim/scenario/lang/operators.h"
#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/value.h"

namespace netsim::lang {

enum class ExprKind : uint8_t {
  Literal,     // literal
  Name,        // name: a variable, else a socket-module constant (AF_INET, ...)
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
  SourceLoc loc;
  Value literal;
  std::string name;                 // Name
  Builtin function = Builtin::Len;  // Call
  Method method = Method::Encode;   // MethodCall
  UnaryOp unary_op = UnaryOp::Not;
  BinaryOp binary_op = BinaryOp::Add;
  std::vector<CompareOp> compare_ops;
  std::vector<ExprPtr> operands;
  // Call, MethodCall: this call's slot among its step's calls. A step that
  // blocks is evaluated again on wake-up; calls already done answer from the
  // slot, so side effects happen once and `n = len(c.recv(10))` works.
  int call_site = -1;
  // Levels of operands under this node, itself included (1 for a leaf); the
  // parser keeps it at most kMaxNesting.
  int height = 1;
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

struct Step {
  StepKind kind = StepKind::Pass;
  SourceLoc loc;
  std::vector<std::string> targets;  // Assign: names in order
  bool unpack = false;               // Assign: `a, b = ...` (also `a, = ...`) rather than `a = ...`
  ExprPtr expr;        // Assign, Evaluate: the value; If, While: condition; Repeat: count
  int call_sites = 0;  // calls in expr, numbered 0..call_sites-1
  std::vector<Step> body;
  std::vector<Step> orelse;       // If
  std::vector<Handler> handlers;  // Try
};

struct Program {
  std::string file;         // for messages: where the steps were written
  std::vector<Step> steps;  // the main task's steps
};

}  // namespace netsim::lang
