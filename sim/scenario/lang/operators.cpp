// Operator semantics follow CPython's (Objects/longobject.c, bytesobject.c,
// unicodeobject.c, tupleobject.c), including the error wording users search for.
#include "sim/scenario/lang/operators.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/utf8.h"

namespace netsim::lang {
namespace {

[[noreturn]] void overflow() {
  throw PyError(ErrorKind::OverflowError, "integer overflow (netsim ints are 64-bit)");
}

[[noreturn]] void unsupported(std::string_view op, const Value& a, const Value& b) {
  throw PyError(ErrorKind::TypeError, "unsupported operand type(s) for " + std::string(op) + ": " +
                                          quoted(a.type_name()) + " and " + quoted(b.type_name()));
}

Value concatenate(const Value& a, const Value& b) {
  if (a.kind() == b.kind()) {
    if (a.is_text()) {
      reserve_value_bytes(uint64_t{a.text().size()} + b.text().size());
      std::string joined = a.text() + b.text();
      return a.kind() == ValueKind::Str ? Value::str(std::move(joined))
                                        : Value::bytes(std::move(joined));
    }
    if (a.is_sequence()) {
      reserve_value_bytes((uint64_t{a.items().size()} + b.items().size()) * sizeof(Value));
      std::vector<Value> items(a.items().begin(), a.items().end());
      items.insert(items.end(), b.items().begin(), b.items().end());
      return a.kind() == ValueKind::Tuple ? Value::tuple(std::move(items))
                                          : Value::list(std::move(items));
    }
  }
  const std::string other(b.type_name());
  switch (a.kind()) {
    case ValueKind::Str:
    case ValueKind::Tuple:
    case ValueKind::List:
      throw PyError(ErrorKind::TypeError, "can only concatenate " + std::string(a.type_name()) +
                                              " (not \"" + other + "\") to " +
                                              std::string(a.type_name()));
    case ValueKind::Bytes:
      throw PyError(ErrorKind::TypeError, "can't concat " + other + " to bytes");
    default:
      unsupported("+", a, b);
  }
}

Value repeat(const Value& sequence, int64_t times) {
  const uint64_t n = times < 0 ? 0 : static_cast<uint64_t>(times);
  if (sequence.is_text()) {
    const std::string& unit = sequence.text();
    // `b"x" * 10**12` fails like an out-of-memory Python, not taking the host down.
    if (!unit.empty() && n > kValueBudgetBytes / unit.size())
      throw PyError(ErrorKind::MemoryError, "");
    const uint64_t total = unit.size() * n;
    reserve_value_bytes(total);
    std::string out;
    out.reserve(total);
    // Doubling: log2(n) copies, not n appends (b"x" * 150000000 took 35 s of CPU
    // in the unoptimised ASan build, one append per byte).
    if (total > 0) out += unit;
    while (out.size() < total) out.append(out, 0, std::min<uint64_t>(out.size(), total - out.size()));
    return sequence.kind() == ValueKind::Str ? Value::str(std::move(out))
                                             : Value::bytes(std::move(out));
  }
  const std::span<const Value> unit = sequence.items();
  if (!unit.empty() && n > kValueBudgetBytes / sizeof(Value) / unit.size()) {
    throw PyError(ErrorKind::MemoryError, "");
  }
  reserve_value_bytes(unit.size() * n * sizeof(Value));
  std::vector<Value> out;
  out.reserve(unit.size() * n);
  for (uint64_t i = 0; i < n; ++i) out.insert(out.end(), unit.begin(), unit.end());
  return sequence.kind() == ValueKind::Tuple ? Value::tuple(std::move(out))
                                             : Value::list(std::move(out));
}

bool is_repeatable(const Value& v) { return v.is_text() || v.is_sequence(); }

Value multiply(const Value& a, const Value& b) {
  if (is_repeatable(a) || is_repeatable(b)) {
    const Value& seq = is_repeatable(a) ? a : b;
    const Value& count = is_repeatable(a) ? b : a;
    if (count.is_integer()) return repeat(seq, count.as_int());
    if (count.kind() == ValueKind::Float || is_repeatable(count)) {
      throw PyError(ErrorKind::TypeError,
                    "can't multiply sequence by non-int of type " + quoted(count.type_name()));
    }
    unsupported("*", a, b);
  }
  if (!a.is_number() || !b.is_number()) unsupported("*", a, b);
  if (a.is_integer() && b.is_integer()) {
    int64_t r;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) overflow();
    return Value::from_int(r);
  }
  return Value::from_float(a.as_float() * b.as_float());
}

// Python's // and % on ints: the quotient rounds toward negative infinity and
// the remainder takes the divisor's sign.
Value integer_divmod(BinaryOp op, int64_t a, int64_t b) {
  if (b == 0) throw PyError(ErrorKind::ZeroDivisionError, "integer division or modulo by zero");
  if (a == std::numeric_limits<int64_t>::min() && b == -1) {
    if (op == BinaryOp::Modulo) return Value::from_int(0);
    overflow();
  }
  int64_t q = a / b;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) {
    q -= 1;
    r += b;
  }
  return Value::from_int(op == BinaryOp::FloorDivide ? q : r);
}

Value float_divmod(BinaryOp op, double a, double b) {
  if (b == 0.0) {
    throw PyError(ErrorKind::ZeroDivisionError,
                  op == BinaryOp::FloorDivide ? "float floor division by zero" : "float modulo");
  }
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return Value::from_float(op == BinaryOp::FloorDivide ? std::floor((a - r) / b) : r);
}

// Python's ordering across same-kind values: numbers, str and bytes (code
// point order equals UTF-8 byte order), tuples and lists lexicographically.
bool less(const Value& a, const Value& b, CompareOp shown_as) {
  if (a.is_number() && b.is_number()) {
    if (a.is_integer() && b.is_integer()) return a.as_int() < b.as_int();
    return a.as_float() < b.as_float();
  }
  if (a.kind() == b.kind() && a.is_text()) return a.text() < b.text();
  if (a.kind() == b.kind() && a.is_sequence()) {
    const std::span<const Value> x = a.items();
    const std::span<const Value> y = b.items();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (!(x[i] == y[i])) return less(x[i], y[i], shown_as);
    }
    return x.size() < y.size();
  }
  throw PyError(ErrorKind::TypeError, quoted(to_string(shown_as)) +
                                          " not supported between instances of " +
                                          quoted(a.type_name()) + " and " + quoted(b.type_name()));
}

bool contains(const Value& container, const Value& needle) {
  switch (container.kind()) {
    case ValueKind::Str:
      if (needle.kind() != ValueKind::Str) {
        throw PyError(ErrorKind::TypeError, "'in <string>' requires string as left operand, not " +
                                                std::string(needle.type_name()));
      }
      return container.text().find(needle.text()) != std::string::npos;
    case ValueKind::Bytes:
      if (needle.is_integer()) {
        const int64_t byte = needle.as_int();
        if (byte < 0 || byte > 255)
          throw PyError(ErrorKind::ValueError, "byte must be in range(0, 256)");
        return container.text().find(static_cast<char>(byte)) != std::string::npos;
      }
      if (needle.kind() != ValueKind::Bytes) {
        throw PyError(ErrorKind::TypeError,
                      "a bytes-like object is required, not " + quoted(needle.type_name()));
      }
      return container.text().find(needle.text()) != std::string::npos;
    case ValueKind::Tuple:
    case ValueKind::List: {
      const std::span<const Value> items = container.items();
      return std::find(items.begin(), items.end(), needle) != items.end();
    }
    default:
      throw PyError(ErrorKind::TypeError,
                    "argument of type " + quoted(container.type_name()) + " is not iterable");
  }
}

// Number of elements as indexing sees them: code points for a str.
int64_t element_count(const Value& v) {
  if (v.kind() == ValueKind::Str) return static_cast<int64_t>(utf8::count_code_points(v.text()));
  if (v.is_text()) return static_cast<int64_t>(v.text().size());
  return static_cast<int64_t>(v.items().size());
}

// Elements [from, to) of a str, bytes, tuple or list, 0 <= from <= to <= count.
Value elements(const Value& v, int64_t from, int64_t to) {
  const auto f = static_cast<size_t>(from);
  const auto t = static_cast<size_t>(to);
  switch (v.kind()) {
    case ValueKind::Str: {
      const size_t begin = utf8::offset_of(v.text(), f);
      const size_t end = utf8::offset_of(v.text(), t);
      return Value::str(v.text().substr(begin, end - begin));
    }
    case ValueKind::Bytes:
      return Value::bytes(v.text().substr(f, t - f));
    case ValueKind::Tuple:
      return Value::tuple({v.items().begin() + from, v.items().begin() + to});
    default:
      return Value::list({v.items().begin() + from, v.items().begin() + to});
  }
}

std::string_view element_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Str:
      return "string";
    case ValueKind::Bytes:
      return "byte";
    case ValueKind::Tuple:
      return "tuple";
    default:
      return "list";
  }
}

void require_subscriptable(const Value& v) {
  if (!v.is_text() && !v.is_sequence()) {
    throw PyError(ErrorKind::TypeError, quoted(v.type_name()) + " object is not subscriptable");
  }
}

}  // namespace

std::string_view to_string(UnaryOp op) {
  switch (op) {
    case UnaryOp::Not:
      return "not";
    case UnaryOp::Negate:
      return "-";
    case UnaryOp::Plus:
      return "+";
  }
  return "?";
}

std::string_view to_string(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Subtract:
      return "-";
    case BinaryOp::Multiply:
      return "*";
    case BinaryOp::Divide:
      return "/";
    case BinaryOp::FloorDivide:
      return "//";
    case BinaryOp::Modulo:
      return "%";
  }
  return "?";
}

std::string_view to_string(CompareOp op) {
  switch (op) {
    case CompareOp::Equal:
      return "==";
    case CompareOp::NotEqual:
      return "!=";
    case CompareOp::Less:
      return "<";
    case CompareOp::LessEqual:
      return "<=";
    case CompareOp::Greater:
      return ">";
    case CompareOp::GreaterEqual:
      return ">=";
    case CompareOp::In:
      return "in";
    case CompareOp::NotIn:
      return "not in";
    case CompareOp::Is:
      return "is";
    case CompareOp::IsNot:
      return "is not";
  }
  return "?";
}

Value unary(UnaryOp op, const Value& v) {
  if (op == UnaryOp::Not) return Value::from_bool(!v.truthy());
  if (!v.is_number()) {
    throw PyError(ErrorKind::TypeError, "bad operand type for unary " + std::string(to_string(op)) +
                                            ": " + quoted(v.type_name()));
  }
  if (v.kind() == ValueKind::Float)
    return Value::from_float(op == UnaryOp::Negate ? -v.as_float() : v.as_float());
  if (op == UnaryOp::Plus) return Value::from_int(v.as_int());
  if (v.as_int() == std::numeric_limits<int64_t>::min()) overflow();
  return Value::from_int(-v.as_int());
}

Value binary(BinaryOp op, const Value& a, const Value& b) {
  if (op == BinaryOp::Add && !(a.is_number() && b.is_number())) return concatenate(a, b);
  if (op == BinaryOp::Multiply) return multiply(a, b);
  if (!a.is_number() || !b.is_number()) unsupported(to_string(op), a, b);
  const bool integers = a.is_integer() && b.is_integer();
  switch (op) {
    case BinaryOp::Add:
    case BinaryOp::Subtract: {
      if (!integers) {
        return Value::from_float(op == BinaryOp::Add ? a.as_float() + b.as_float()
                                                     : a.as_float() - b.as_float());
      }
      int64_t r;
      const bool overflowed = op == BinaryOp::Add
                                  ? __builtin_add_overflow(a.as_int(), b.as_int(), &r)
                                  : __builtin_sub_overflow(a.as_int(), b.as_int(), &r);
      if (overflowed) overflow();
      return Value::from_int(r);
    }
    case BinaryOp::Divide:
      if (b.as_float() == 0.0) throw PyError(ErrorKind::ZeroDivisionError, "division by zero");
      return Value::from_float(a.as_float() / b.as_float());
    case BinaryOp::FloorDivide:
    case BinaryOp::Modulo:
      return integers ? integer_divmod(op, a.as_int(), b.as_int())
                      : float_divmod(op, a.as_float(), b.as_float());
    case BinaryOp::Multiply:
      break;  // handled above
  }
  return Value::none();
}

bool compare(CompareOp op, const Value& a, const Value& b) {
  switch (op) {
    case CompareOp::Equal:
      return a == b;
    case CompareOp::NotEqual:
      return !(a == b);
    case CompareOp::Less:
      return less(a, b, op);
    case CompareOp::LessEqual:
      return a == b || less(a, b, op);
    case CompareOp::Greater:
      return less(b, a, op);
    case CompareOp::GreaterEqual:
      return a == b || less(b, a, op);
    case CompareOp::In:
      return contains(b, a);
    case CompareOp::NotIn:
      return !contains(b, a);
    // Values are immutable, so two equal values of one kind behave as one
    // object; `x is None` is what apps write.
    case CompareOp::Is:
      return a.kind() == b.kind() && a == b;
    case CompareOp::IsNot:
      return !(a.kind() == b.kind() && a == b);
  }
  return false;
}

Value subscript(const Value& object, const Value& index) {
  require_subscriptable(object);
  if (!index.is_integer()) {
    const std::string what = object.kind() == ValueKind::Str
                                 ? "string indices must be integers, not "
                                 : std::string(element_name(object.kind())) +
                                       " indices must be integers or slices, not ";
    throw PyError(ErrorKind::TypeError, what + quoted(index.type_name()));
  }
  const int64_t count = element_count(object);
  int64_t i = index.as_int();
  if (i < 0) i += count;
  if (i < 0 || i >= count) {
    throw PyError(ErrorKind::IndexError,
                  object.kind() == ValueKind::Bytes
                      ? "index out of range"
                      : std::string(element_name(object.kind())) + " index out of range");
  }
  if (object.kind() == ValueKind::Bytes) {
    return Value::from_int(static_cast<uint8_t>(object.text()[static_cast<size_t>(i)]));
  }
  if (object.is_sequence()) return object.items()[static_cast<size_t>(i)];
  return elements(object, i, i + 1);
}

Value slice(const Value& object, const Value& lower, const Value& upper) {
  require_subscriptable(object);
  const int64_t count = element_count(object);
  // Python's slice clamping: negative bounds count from the end, then both clamp to [0, count].
  auto bound = [count](const Value& v, int64_t open) {
    if (v.kind() == ValueKind::None) return open;
    if (!v.is_integer()) {
      throw PyError(ErrorKind::TypeError,
                    "slice indices must be integers or None or have an __index__ method");
    }
    int64_t i = v.as_int();
    if (i < 0) i = std::max<int64_t>(0, i + count);
    return std::min(i, count);
  };
  const int64_t from = bound(lower, 0);
  const int64_t to = std::max(from, bound(upper, count));
  return elements(object, from, to);
}

}  // namespace netsim::lang
