// Python's operators on Values: arithmetic, comparison, membership,
// indexing and slicing, with Python's results and Python's error messages.
// Errors are thrown as PyError.
#pragma once
#include <cstdint>
#include <string_view>

#include "sim/scenario/lang/value.h"

namespace netsim::lang {

enum class UnaryOp : uint8_t { Not, Negate, Plus };
enum class BinaryOp : uint8_t { Add, Subtract, Multiply, Divide, FloorDivide, Modulo };
enum class CompareOp : uint8_t {
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  In,
  NotIn,
  Is,
  IsNot
};

std::string_view to_string(UnaryOp op);    // "not", "-", "+"
std::string_view to_string(BinaryOp op);   // "+", "//", ...
std::string_view to_string(CompareOp op);  // "==", "not in", ...

// Integers are 64-bit: a result outside that range raises OverflowError
// (Python's ints are unbounded; no network program needs more).
Value unary(UnaryOp op, const Value& operand);
Value binary(BinaryOp op, const Value& lhs, const Value& rhs);
bool compare(CompareOp op, const Value& lhs, const Value& rhs);
Value subscript(const Value& object, const Value& index);
// object[lower:upper]; None for an open end.
Value slice(const Value& object, const Value& lower, const Value& upper);

}  // namespace netsim::lang
