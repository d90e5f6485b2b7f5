// Expression evaluation for App: Python's evaluation order (receiver, then
// arguments left to right), short-circuit and/or, chained comparisons, and
// the dispatch of calls. A call that parks returns nullopt all the way up;
// calls already done answer from the step's CallOutcomes when it runs again.
#include <array>
#include <cassert>

#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/lang/pure_calls.h"

namespace netsim::lang {

std::optional<Value> App::eval(Task& t, const Expr& e) {
  try {
    return eval_node(t, e);
  } catch (const PyError&) {
    if (t.error_offset < 0) t.error_offset = e.offset;  // the innermost expression names the place
    throw;
  }
}

bool App::eval_operands(Task& t, const Expr& e, size_t first, std::vector<Value>& out) {
  out.reserve(out.size() + e.operands.size() - first);  // one allocation, not one per doubling
  for (size_t i = first; i < e.operands.size(); ++i) {
    std::optional<Value> v = eval(t, *e.operands[i]);
    if (!v) return false;
    out.push_back(std::move(*v));
  }
  return true;
}

std::optional<Value> App::eval_node(Task& t, const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal:
      return e.literal;
    case ExprKind::Name: {
      if (const std::optional<Value>& v = t.variables[e.slot]) return v;
      const std::string& name = program_.names[e.slot];
      if (std::optional<Value> c = find_constant(name)) return c;
      throw PyError(ErrorKind::NameError, "name '" + name + "' is not defined");
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      std::vector<Value> items;
      if (!eval_operands(t, e, 0, items)) return std::nullopt;
      return e.kind == ExprKind::Tuple ? Value::tuple(std::move(items))
                                       : Value::list(std::move(items));
    }
    case ExprKind::Call:
      return eval_call(t, e);
    case ExprKind::MethodCall:
      return eval_method_call(t, e);
    case ExprKind::Index:
    case ExprKind::Slice:
    case ExprKind::Binary: {
      std::array<Value, 3> v;  // two operands, three for a slice: no vector to allocate
      assert(e.operands.size() <= v.size());
      for (size_t i = 0; i < e.operands.size(); ++i) {
        std::optional<Value> operand = eval(t, *e.operands[i]);
        if (!operand) return std::nullopt;
        v[i] = std::move(*operand);
      }
      if (e.kind == ExprKind::Index) return subscript(v[0], v[1]);
      if (e.kind == ExprKind::Slice) return slice(v[0], v[1], v[2]);
      return binary(e.binary_op, v[0], v[1]);
    }
    case ExprKind::Unary: {
      const std::optional<Value> v = eval(t, *e.operands[0]);
      if (!v) return std::nullopt;
      return unary(e.unary_op, *v);
    }
    case ExprKind::Compare: {
      // a < b < c is a < b and b < c, with b evaluated once.
      std::optional<Value> left = eval(t, *e.operands[0]);
      if (!left) return std::nullopt;
      for (size_t i = 0; i < e.compare_ops.size(); ++i) {
        std::optional<Value> right = eval(t, *e.operands[i + 1]);
        if (!right) return std::nullopt;
        if (!compare(e.compare_ops[i], *left, *right)) return Value::from_bool(false);
        left = std::move(right);
      }
      return Value::from_bool(true);
    }
    case ExprKind::And:
    case ExprKind::Or: {
      // Python yields the deciding operand itself: `data or b"none"`.
      const std::optional<Value> left = eval(t, *e.operands[0]);
      if (!left) return std::nullopt;
      if (left->truthy() == (e.kind == ExprKind::Or)) return left;
      return eval(t, *e.operands[1]);
    }
  }
  return Value::none();
}

std::optional<Value> App::eval_call(Task& t, const Expr& e) {
  {
    const CallOutcome& done = t.calls[static_cast<size_t>(e.call_site)];
    if (done.error) throw *done.error;
    if (done.result) return done.result;
  }
  std::vector<Value> args;
  if (!eval_operands(t, e, 0, args)) return std::nullopt;
  std::optional<Value> result;
  switch (e.function) {
    case Builtin::Len:
    case Builtin::Bytes:
    case Builtin::Str:
    case Builtin::Int:
    case Builtin::Float:
      result = call_conversion(e.function, args);
      break;
    case Builtin::Print: {
      std::string line;
      for (size_t i = 0; i < args.size(); ++i) {
        if (i > 0) line += ' ';
        line += args[i].to_str();
      }
      services_.print(name_, line);
      result = spend_call_time(t, e, Value::none());
      break;
    }
    case Builtin::Time:
      result = Value::from_float(to_seconds(scheduler().now()));
      break;
    case Builtin::Sleep:
      result = sleep(t, e, args[0]);
      break;
    case Builtin::Ping:
      result = ping(t, e, args);
      break;
    case Builtin::Traceroute:
      result = traceroute(t, e, args);
      break;
    case Builtin::Gethostbyname:
      result = gethostbyname(t, e, args[0]);
      break;
    case Builtin::Socket:
      result = open_socket(t, e, args);
      if (result) result = spend_call_time(t, e, std::move(*result));
      break;
  }
  if (result) t.calls[static_cast<size_t>(e.call_site)].result = result;
  return result;
}

std::optional<Value> App::eval_method_call(Task& t, const Expr& e) {
  const auto site = static_cast<size_t>(e.call_site);
  {
    const CallOutcome& done = t.calls[site];
    if (done.error) throw *done.error;
    if (done.result) return done.result;
  }
  // operands[0] is the receiver. A socket call that parked kept its operands.
  std::vector<Value> operands;
  if (t.calls[site].operands) {
    operands = *t.calls[site].operands;
  } else {
    std::optional<Value> receiver = eval(t, *e.operands[0]);
    if (!receiver) return std::nullopt;
    operands.reserve(e.operands.size());
    operands.push_back(std::move(*receiver));
    if (!eval_operands(t, e, 1, operands)) return std::nullopt;
  }
  const Value& receiver = operands[0];
  const std::span<const Value> args(operands.begin() + 1, operands.end());
  if (!has_method(receiver.kind(), e.method)) {
    throw PyError(ErrorKind::AttributeError, "'" + std::string(receiver.type_name()) +
                                                 "' object has no attribute '" +
                                                 std::string(to_string(e.method)) + "'");
  }
  if (receiver.kind() != ValueKind::Socket) {
    Value result = call_text_method(e.method, receiver, args);
    t.calls[site].result = result;
    return result;
  }
  std::optional<Value> result = call_socket_method(t, e, receiver.socket_handle(), args);
  if (result) result = spend_call_time(t, e, std::move(*result));
  if (result) {
    t.calls[site].result = result;
  } else {
    t.calls[site].operands = std::move(operands);
  }
  return result;
}

}  // namespace netsim::lang
