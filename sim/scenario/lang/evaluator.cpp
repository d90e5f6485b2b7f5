// Expression evaluation for App: Python's evaluation order (receiver, then
// arguments left to right), short-circuit and/or, chained comparisons, and
// the dispatch of calls. A call that parks returns nullopt all the way up;
// calls already done answer from the step's CallOutcomes when it runs again.
#include <array>
#include <cassert>
#include <iterator>
#include <span>

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

namespace {

// Pops what an evaluation pushed on the task's stack, however it ends: with
// a value, a park (a parked socket call moves its operands out first) or an error.
class StackMark {
 public:
  explicit StackMark(std::vector<Value>& stack) : stack_(stack), base_(stack.size()) {}
  StackMark(const StackMark&) = delete;
  StackMark& operator=(const StackMark&) = delete;
  ~StackMark() { stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(base_), stack_.end()); }
  // What was pushed since the mark. Valid until the next push: taken after the last operand.
  std::span<Value> pushed() const { return std::span<Value>(stack_).subspan(base_); }

 private:
  std::vector<Value>& stack_;
  size_t base_;
};

}  // namespace

bool App::push_operands(Task& t, const Expr& e, size_t first) {
  for (size_t i = first; i < e.operands.size(); ++i) {
    const Expr& operand = *e.operands[i];
    // Most operands are a literal or a set variable: copied as they are, with
    // no trip through eval; an unset name goes the long way to its NameError.
    if (operand.kind == ExprKind::Literal) {
      t.stack.push_back(operand.literal);
      continue;
    }
    if (operand.kind == ExprKind::Name && t.variables[operand.slot]) {
      t.stack.push_back(*t.variables[operand.slot]);
      continue;
    }
    std::optional<Value> v = eval(t, operand);
    if (!v) return false;
    t.stack.push_back(std::move(*v));
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
      const StackMark mark(t.stack);
      if (!push_operands(t, e, 0)) return std::nullopt;
      return Value::sequence(e.kind == ExprKind::Tuple ? ValueKind::Tuple : ValueKind::List,
                             mark.pushed());
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
  const StackMark mark(t.stack);
  if (!push_operands(t, e, 0)) return std::nullopt;
  const std::span<const Value> args = mark.pushed();
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
  if (result && t.step_calls > 1) t.calls[static_cast<size_t>(e.call_site)].result = result;
  return result;
}

std::optional<Value> App::eval_method_call(Task& t, const Expr& e) {
  CallOutcome& slot = t.calls[static_cast<size_t>(e.call_site)];
  if (slot.error) throw *slot.error;
  if (slot.result) return slot.result;
  // operands[0] is the receiver. A socket call that parked kept its operands.
  const StackMark mark(t.stack);
  const bool first_try = slot.operands.empty();
  if (first_try && !push_operands(t, e, 0)) return std::nullopt;
  const std::span<const Value> operands =
      first_try ? std::span<const Value>(mark.pushed()) : std::span<const Value>(slot.operands);
  const Value& receiver = operands[0];
  const std::span<const Value> args = operands.subspan(1);
  if (!has_method(receiver.kind(), e.method)) {
    throw PyError(ErrorKind::AttributeError, "'" + std::string(receiver.type_name()) +
                                                 "' object has no attribute '" +
                                                 std::string(to_string(e.method)) + "'");
  }
  if (receiver.kind() != ValueKind::Socket) {
    Value result = call_text_method(e.method, receiver, args);
    if (t.step_calls > 1) slot.result = result;
    return result;
  }
  std::optional<Value> result = call_socket_method(t, e, receiver.socket_handle(), args);
  if (result) result = spend_call_time(t, e, std::move(*result));
  if (result) {
    if (t.step_calls > 1) slot.result = result;
  } else if (first_try) {
    slot.operands.assign(std::make_move_iterator(mark.pushed().begin()),
                         std::make_move_iterator(mark.pushed().end()));
  }
  return result;
}

}  // namespace netsim::lang
