// Binding powers follow Python's precedence table (Language Reference §6.17):
// or < and < not < comparisons < + - < * / // % < unary - + < call, index, attribute.
#include "sim/scenario/lang/expression_parser.h"

#include <algorithm>
#include <array>
#include <optional>

#include "sim/scenario/lang/pure_calls.h"
#include "sim/scenario/lang/suggest.h"

namespace netsim::lang {
namespace {

constexpr int kOrPower = 10;
constexpr int kAndPower = 20;
constexpr int kNotPower = 30;
constexpr int kComparePower = 40;
constexpr int kSumPower = 50;
constexpr int kProductPower = 60;
constexpr int kUnaryPower = 70;
// bytes(n) of a literal n up to this size is computed once, when the
// program is parsed; a larger one when it runs (a literal holds its memory for good).
constexpr int64_t kMaxFoldedBytes = 65536;

struct AugmentedOp {
  std::string_view spelling;
  BinaryOp op;
};
constexpr std::array kAugmented{
    AugmentedOp{"+=", BinaryOp::Add},          AugmentedOp{"-=", BinaryOp::Subtract},
    AugmentedOp{"*=", BinaryOp::Multiply},     AugmentedOp{"/=", BinaryOp::Divide},
    AugmentedOp{"//=", BinaryOp::FloorDivide}, AugmentedOp{"%=", BinaryOp::Modulo},
};

bool is_assignment_op(const Token& t) {
  if (t.is_op("=")) return true;
  return std::any_of(kAugmented.begin(), kAugmented.end(),
                     [&](const AugmentedOp& a) { return t.is_op(a.spelling); });
}

// Why a Python statement keyword is not a string step, and what to write instead.
std::optional<std::string_view> statement_keyword_hint(std::string_view word) {
  if (word == "while") return "write a loop as a map step: {while: COND, do: [steps]}";
  if (word == "for")
    return "repeat a block with {repeat: N, do: [steps]}, or loop with {while: COND, do: [steps]}";
  if (word == "try" || word == "except" || word == "finally") {
    return "write {try: [steps], except: {ErrorName: [steps]}}";
  }
  if (word == "else" || word == "elif") return "write {if: COND, do: [steps], else: [steps]}";
  if (word == "def" || word == "class" || word == "lambda" || word == "return" || word == "yield") {
    return "apps are a flat list of steps; functions cannot be defined";
  }
  if (word == "with" || word == "raise" || word == "del" || word == "global" ||
      word == "nonlocal" || word == "assert" || word == "async" || word == "await") {
    return "this statement is not supported in app steps";
  }
  return std::nullopt;
}

std::string plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string count_problem(const Signature& s, size_t given) {
  std::string takes;
  if (s.max_args == kAnyCount) {
    takes = "at least " + plural(s.min_args, "argument");
  } else if (s.min_args == s.max_args) {
    takes = s.min_args == 0 ? "no arguments" : plural(s.min_args, "argument");
  } else {
    takes = "from " + std::to_string(s.min_args) + " to " + plural(s.max_args, "argument");
  }
  return "'" + std::string(s.name) + "' takes " + takes + " (" + std::to_string(given) + " given)";
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, const TextOrigin& origin, std::vector<std::string>& names)
      : origin_(origin), names_(names), tokens_(tokenize(text, origin)) {}

  Step statement(bool in_loop) {
    const Nesting nesting(*this);
    const Token& first = peek();
    Step step;
    step.loc = origin_.at(first.offset);
    step.text = origin_.start;
    step.text_exact = origin_.exact;
    if (first.kind == TokenKind::Name && is_keyword(first.text)) {
      if (std::optional<Step> s = keyword_statement(step, in_loop)) return *s;
    }
    if (std::optional<Step> s = assignment(step)) return *s;
    step.kind = StepKind::Evaluate;
    step.expr = expression_list();
    if (is_assignment_op(peek())) {
      fail_at(peek(), "cannot assign to an expression",
              "only names can be assigned: x = ..., a, b = ...");
    }
    expect_end();
    step.call_sites = sites_;
    return step;
  }

  ExprPtr whole_expression(int& call_sites) {
    ExprPtr e = expression(0);
    expect_end();
    call_sites = sites_;
    return e;
  }

 private:
  // ---- tokens ----
  const Token& peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool accept(std::string_view op) {
    if (!peek().is_op(op)) return false;
    take();
    return true;
  }
  void expect(std::string_view op, std::string_view context) {
    if (!accept(op)) {
      fail_at(peek(),
              "expected '" + std::string(op) + "' " + std::string(context) + ", found " +
                  describe(peek()),
              "brackets and quotes must balance within one step");
    }
  }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::End:
        return "end of step";
      case TokenKind::Str:
        return "string literal";
      case TokenKind::Bytes:
        return "bytes literal";
      case TokenKind::Int:
      case TokenKind::Float:
        return "number";
      default:
        return "'" + t.text + "'";
    }
  }
  [[noreturn]] void fail_at(const Token& t, std::string what, std::string hint = {}) const {
    origin_.fail(t.offset, std::move(what), std::move(hint));
  }
  void expect_end() {
    const Token& t = peek();
    if (t.kind == TokenKind::End) return;
    if (t.is_op(":")) {
      fail_at(
          t, "unexpected ':'",
          "blocks are map steps: {while: COND, do: [...]}; a one-line if is \"if COND: break\"");
    }
    fail_at(t, "unexpected " + describe(t), "one statement per step");
  }
  // Every recursive descent (an operand, a one-line if's statement) passes
  // through one of these: `((((...` and `not not ...` end with a message at
  // the level past the limit instead of overflowing the stack.
  class Nesting {
   public:
    explicit Nesting(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxNesting)
        p_.fail_at(p_.peek(), "nested too deeply: more than " + std::to_string(kMaxNesting) + " levels",
                   "split the expression over several steps with variables");
    }
    ~Nesting() { --p_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& p_;
  };

  // A node with all its operands: its height bounds the recursion of
  // evaluating and destroying it, so a long chain (`1+1+...`, `x[0][0]...`)
  // built by the parser's loops stops at the same limit as nesting does.
  ExprPtr sealed(const std::shared_ptr<Expr>& e) const {
    int below = 0;
    for (const ExprPtr& operand : e->operands) below = std::max(below, int{operand->height});
    e->height = static_cast<uint16_t>(below + 1);
    if (e->height > kMaxNesting)
      throw ScenarioError(origin_.file, origin_.at(e->offset),
                          "expression too deep: more than " + std::to_string(kMaxNesting) +
                              " operations inside one another",
                          "split the expression over several steps with variables");
    return e;
  }

  // Python folds a tuple of constants when it compiles, and a conversion of
  // constants (bytes(64), str(5)) is as constant here, where builtins cannot
  // be rebound: the node becomes a literal, and every run of the step shares
  // its (immutable) value. What would raise stays a node, to raise where and
  // when it runs; so does bytes(n) past kMaxFoldedBytes, whose value would
  // live as long as the program. The literal keeps the node's height, so
  // nesting limits hold as written.
  ExprPtr folded(const ExprPtr& e) {
    std::vector<Value> values;
    for (const ExprPtr& operand : e->operands) {
      if (operand->kind != ExprKind::Literal) return e;
      values.push_back(operand->literal);
    }
    const bool call = e->kind == ExprKind::Call;
    if (call && e->function == Builtin::Bytes && values.size() == 1 && values[0].is_integer() &&
        values[0].as_int() > kMaxFoldedBytes)
      return e;
    auto literal = std::make_shared<Expr>();
    literal->kind = ExprKind::Literal;
    literal->offset = e->offset;
    literal->height = e->height;
    try {
      literal->literal =
          call ? call_conversion(e->function, values) : Value::tuple(std::move(values));
    } catch (const PyError&) {
      return e;
    }
    if (call) --sites_;  // its operands are literals: it took the last call site
    return literal;
  }

  std::shared_ptr<Expr> node(ExprKind kind, const Token& at) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->offset = static_cast<uint32_t>(at.offset);
    return e;
  }

  // ---- statements ----
  std::optional<Step> keyword_statement(Step& step, bool in_loop) {
    const size_t start = pos_;
    const Token& first = take();
    const std::string& word = first.text;
    if (word == "pass" || word == "break" || word == "continue") {
      if (word != "pass" && !in_loop) {
        fail_at(first, "'" + word + "' outside loop",
                "break and continue belong in the do: steps of a while or repeat");
      }
      expect_end();
      step.kind = word == "pass"    ? StepKind::Pass
                  : word == "break" ? StepKind::Break
                                    : StepKind::Continue;
      return step;
    }
    if (word == "if") {
      step.kind = StepKind::If;
      step.expr = expression(0);
      expect(":", "after the if condition");
      if (peek().kind == TokenKind::End) {
        fail_at(peek(), "expected a statement after ':'",
                "\"if not data: break\"; for several steps write {if: COND, do: [steps]}");
      }
      step.call_sites = sites_;
      sites_ = 0;  // the statement after ':' is a step of its own, with its own calls
      step.body.push_back(statement(in_loop));
      return step;
    }
    if (word == "import" || word == "from") {
      import_statement(word == "from");
      step.kind = StepKind::Pass;
      return step;
    }
    if (std::optional<std::string_view> hint = statement_keyword_hint(word)) {
      fail_at(first, "'" + word + "' is not a step", std::string(*hint));
    }
    pos_ = start;  // an expression keyword (not, True, None, ...): an expression statement
    return std::nullopt;
  }

  // `import socket`, `import socket, time`, `from socket import *`: the
  // modules' names are always there, so these do nothing.
  void import_statement(bool from) {
    auto module = [&] {
      const Token& m = take();
      if (m.kind != TokenKind::Name || !is_module(m.text)) {
        fail_at(m, "no module named " + describe(m), "socket and time are built in");
      }
    };
    module();
    if (from) {
      if (!take().is_name("import")) fail_at(peek(), "expected 'import'", "from socket import *");
      if (accept("*")) {
        expect_end();
        return;
      }
      do {
        if (take().kind != TokenKind::Name)
          fail_at(peek(), "expected a name to import", "from socket import *");
      } while (accept(","));
    } else {
      while (accept(",")) module();
    }
    expect_end();
  }

  std::optional<Step> assignment(Step& step) {
    size_t i = pos_;
    std::vector<std::string> names;
    bool unpack = false;
    while (tokens_[i].kind == TokenKind::Name && !is_keyword(tokens_[i].text)) {
      names.push_back(tokens_[i].text);
      if (!tokens_[++i].is_op(",")) break;
      unpack = true;
      ++i;
    }
    if (names.empty() || !is_assignment_op(tokens_[i])) return std::nullopt;
    const Token& first = tokens_[pos_];
    for (size_t k = 0; k < names.size(); ++k) {
      if (find_builtin(names[k]) != nullptr || is_module(names[k])) {
        fail_at(first, "cannot assign to '" + names[k] + "': it names a built-in function",
                "choose another variable name");
      }
    }
    const Token& op = tokens_[i];
    pos_ = i + 1;
    step.kind = StepKind::Assign;
    for (const std::string& name : names) step.targets.push_back(slot(name));
    step.unpack = unpack;
    if (op.is_op("=")) {
      step.expr = expression_list();
      if (peek().is_op("="))
        fail_at(peek(), "chained assignment is not supported", "assign in two steps");
    } else {
      if (unpack)
        fail_at(op, "illegal expression for augmented assignment", "x += 1 updates one name");
      auto e = node(ExprKind::Binary, op);
      e->binary_op = std::find_if(kAugmented.begin(), kAugmented.end(), [&](const AugmentedOp& a) {
                       return op.is_op(a.spelling);
                     })->op;
      auto target = node(ExprKind::Name, first);
      target->slot = step.targets[0];
      e->operands = {target, expression_list()};
      step.expr = sealed(e);
    }
    expect_end();
    step.call_sites = sites_;
    return step;
  }

  // ---- expressions ----
  // `a, b` at statement level is a tuple, as in Python.
  ExprPtr expression_list() {
    const Token& start = peek();
    ExprPtr first = expression(0);
    if (!peek().is_op(",")) return first;
    auto tuple = node(ExprKind::Tuple, start);
    tuple->operands.push_back(first);
    while (accept(",")) {
      if (peek().kind == TokenKind::End || is_assignment_op(peek())) break;
      tuple->operands.push_back(expression(0));
    }
    return folded(sealed(tuple));
  }

  static int infix_power(const Token& t, const Token& next) {
    if (t.kind == TokenKind::Name) {
      if (t.text == "or") return kOrPower;
      if (t.text == "and") return kAndPower;
      if (t.text == "in" || t.text == "is" || (t.text == "not" && next.is_name("in")))
        return kComparePower;
      return 0;
    }
    if (t.kind != TokenKind::Op) return 0;
    if (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" ||
        t.text == ">=") {
      return kComparePower;
    }
    if (t.text == "+" || t.text == "-") return kSumPower;
    if (t.text == "*" || t.text == "/" || t.text == "//" || t.text == "%") return kProductPower;
    return 0;
  }

  CompareOp take_compare_op() {
    const Token& t = take();
    if (t.is_name("in")) return CompareOp::In;
    if (t.is_name("not")) {
      take();  // "in", checked by infix_power
      return CompareOp::NotIn;
    }
    if (t.is_name("is")) return accept_name("not") ? CompareOp::IsNot : CompareOp::Is;
    if (t.text == "==") return CompareOp::Equal;
    if (t.text == "!=") return CompareOp::NotEqual;
    if (t.text == "<") return CompareOp::Less;
    if (t.text == "<=") return CompareOp::LessEqual;
    if (t.text == ">") return CompareOp::Greater;
    return CompareOp::GreaterEqual;
  }

  bool accept_name(std::string_view name) {
    if (!peek().is_name(name)) return false;
    take();
    return true;
  }

  static BinaryOp binary_op(const Token& t) {
    if (t.text == "+") return BinaryOp::Add;
    if (t.text == "-") return BinaryOp::Subtract;
    if (t.text == "*") return BinaryOp::Multiply;
    if (t.text == "/") return BinaryOp::Divide;
    if (t.text == "//") return BinaryOp::FloorDivide;
    return BinaryOp::Modulo;
  }

  ExprPtr expression(int min_power) {
    const Nesting nesting(*this);
    ExprPtr lhs = prefix();
    for (;;) {
      const Token& t = peek();
      if (t.is_op(".")) {
        lhs = method_call(lhs);
        continue;
      }
      if (t.is_op("[")) {
        lhs = index(lhs);
        continue;
      }
      if (t.is_op("("))
        fail_at(t, "this value cannot be called", "only built-in functions and methods are called");
      const int power = infix_power(t, peek(1));
      if (power == 0 || power < min_power) return lhs;
      if (power == kComparePower) {
        auto e = node(ExprKind::Compare, t);
        e->operands.push_back(lhs);
        while (infix_power(peek(), peek(1)) == kComparePower) {
          e->compare_ops.push_back(take_compare_op());
          e->operands.push_back(expression(kComparePower + 1));
        }
        lhs = sealed(e);
        continue;
      }
      take();
      ExprKind kind = ExprKind::Binary;
      if (power == kOrPower) kind = ExprKind::Or;
      if (power == kAndPower) kind = ExprKind::And;
      auto e = node(kind, t);
      if (kind == ExprKind::Binary) e->binary_op = binary_op(t);
      e->operands = {lhs, expression(power + 1)};
      lhs = sealed(e);
    }
  }

  ExprPtr prefix() {
    const Token& t = take();
    switch (t.kind) {
      case TokenKind::Int:
        return literal(t, Value::from_int(t.integer));
      case TokenKind::Float:
        return literal(t, Value::from_float(t.real));
      case TokenKind::Str:
      case TokenKind::Bytes:
        return string_literal(t);
      case TokenKind::Name:
        return name_expression(t);
      case TokenKind::End:
        fail_at(t, "unexpected end of step: expected an expression",
                "a value, a name or a call is missing here");
      case TokenKind::Op:
        break;
    }
    if (t.is_op("(")) return parenthesized(t);
    if (t.is_op("[")) return list(t);
    if (t.is_op("-") || t.is_op("+")) {
      auto e = node(ExprKind::Unary, t);
      e->unary_op = t.is_op("-") ? UnaryOp::Negate : UnaryOp::Plus;
      e->operands = {expression(kUnaryPower)};
      return sealed(e);
    }
    fail_at(t, "expected an expression, found " + describe(t),
            "a value, a name or a call is missing here");
  }

  ExprPtr literal(const Token& at, Value v) {
    auto e = node(ExprKind::Literal, at);
    e->literal = std::move(v);
    return e;
  }

  // Adjacent literals join, as in Python: "ab" "cd" == "abcd".
  ExprPtr string_literal(const Token& first) {
    std::string text = first.text;
    while (peek().kind == TokenKind::Str || peek().kind == TokenKind::Bytes) {
      if (peek().kind != first.kind) {
        fail_at(peek(), "cannot mix bytes and nonbytes literals",
                "join them with + after converting: \"...\".encode()");
      }
      text += take().text;
    }
    return literal(first, first.kind == TokenKind::Str ? Value::str(std::move(text))
                                                       : Value::bytes(std::move(text)));
  }

  ExprPtr name_expression(const Token& t) {
    const std::string& name = t.text;
    if (name == "True" || name == "False") return literal(t, Value::from_bool(name == "True"));
    if (name == "None") return literal(t, Value::none());
    if (name == "not") {
      auto e = node(ExprKind::Unary, t);
      e->unary_op = UnaryOp::Not;
      e->operands = {expression(kNotPower)};
      return sealed(e);
    }
    if (is_keyword(name)) fail_at(t, "unexpected keyword '" + name + "'", "expected an expression");
    if (is_module(name) && peek().is_op(".")) return module_member(t);
    const BuiltinInfo* builtin = find_builtin(name);
    if (peek().is_op("(")) {
      if (builtin == nullptr) {
        const std::vector<std::string_view> names = builtin_names();
        std::string hint = did_you_mean(name, names);
        if (hint.empty()) hint = "functions: " + joined(names);
        fail_at(t, "unknown function '" + name + "'", hint);
      }
      return call(t, *builtin);
    }
    if (builtin != nullptr) {
      fail_at(t, "'" + name + "' is a function",
              "call it: " + std::string(builtin->signature.usage));
    }
    auto e = node(ExprKind::Name, t);
    e->slot = slot(name);
    return e;
  }

  // socket.socket(...), socket.AF_INET, time.sleep(1): the same builtins and constants.
  ExprPtr module_member(const Token& module) {
    take();  // '.'
    const Token& member = take();
    if (member.kind != TokenKind::Name) {
      fail_at(member, "expected a name after '" + module.text + ".'",
              "e.g. " + module.text + "." + module.text + "()");
    }
    if (peek().is_op("(")) {
      if (const BuiltinInfo* b = find_module_function(module.text, member.text))
        return call(member, *b);
    } else if (module.text == "socket") {
      if (std::optional<Value> c = find_constant(member.text)) return literal(member, *c);
    }
    fail_at(member, "module '" + module.text + "' has no attribute '" + member.text + "'",
            module.text == "socket" ? "socket.socket, socket.gethostbyname, AF_INET, SOCK_STREAM, "
                                      "SOCK_DGRAM, SHUT_RD, SHUT_WR, SHUT_RDWR"
                                    : "time.time, time.sleep");
  }

  // Arguments from '(' to ')'.
  std::vector<ExprPtr> arguments(const Signature& signature) {
    const Token& open = take();
    std::vector<ExprPtr> args;
    while (!peek().is_op(")")) {
      if (peek().kind == TokenKind::Name && peek(1).is_op("=")) {
        fail_at(peek(), "keyword arguments are not supported", std::string(signature.usage));
      }
      if (peek().is_op("*"))
        fail_at(peek(), "argument unpacking is not supported", std::string(signature.usage));
      args.push_back(expression(0));
      if (!accept(",")) break;
    }
    expect(")", "to close the call of '" + std::string(signature.name) + "'");
    if (args.size() < signature.min_args ||
        (signature.max_args != kAnyCount && args.size() > signature.max_args)) {
      fail_at(open, count_problem(signature, args.size()), std::string(signature.usage));
    }
    return args;
  }

  ExprPtr call(const Token& name, const BuiltinInfo& builtin) {
    auto e = node(ExprKind::Call, name);
    e->function = builtin.id;
    e->operands = arguments(builtin.signature);
    e->call_site = sites_++;
    return is_conversion(builtin.id) ? folded(sealed(e)) : sealed(e);
  }

  ExprPtr method_call(const ExprPtr& receiver) {
    take();  // '.'
    const Token& name = take();
    if (name.kind != TokenKind::Name)
      fail_at(name, "expected a method name after '.'", "e.g. data.decode(\"utf-8\")");
    if (!peek().is_op("(")) {
      fail_at(name, "attribute access is not supported",
              "methods are called: x." + name.text + "(...)");
    }
    const MethodInfo* method = find_method(name.text);
    if (method == nullptr) {
      const std::vector<std::string_view> names = method_names();
      std::string hint = did_you_mean(name.text, names);
      if (hint.empty()) hint = "methods: " + joined(names);
      fail_at(name, "unknown method '" + name.text + "'", hint);
    }
    auto e = node(ExprKind::MethodCall, name);
    e->method = method->id;
    e->operands.push_back(receiver);
    for (ExprPtr& a : arguments(method->signature)) e->operands.push_back(std::move(a));
    e->call_site = sites_++;
    return sealed(e);
  }

  ExprPtr index(const ExprPtr& object) {
    const Token& open = take();
    auto none = [&](const Token& at) { return literal(at, Value::none()); };
    ExprPtr lower = peek().is_op(":") ? none(peek()) : expression(0);
    if (accept("]")) {
      auto e = node(ExprKind::Index, open);
      e->operands = {object, lower};
      return sealed(e);
    }
    expect(":", "or ']' in the subscript");
    ExprPtr upper = peek().is_op("]") ? none(peek()) : expression(0);
    if (peek().is_op(":")) fail_at(peek(), "slice steps are not supported", "x[start:stop]");
    expect("]", "to close the slice");
    auto e = node(ExprKind::Slice, open);
    e->operands = {object, lower, upper};
    return sealed(e);
  }

  // (), (x), (x,), (x, y): a parenthesised expression or a tuple.
  ExprPtr parenthesized(const Token& open) {
    auto tuple = node(ExprKind::Tuple, open);
    if (accept(")")) return folded(tuple);
    ExprPtr first = expression(0);
    if (accept(")")) return first;
    expect(",", "or ')'");
    tuple->operands.push_back(first);
    while (!peek().is_op(")")) {
      tuple->operands.push_back(expression(0));
      if (!accept(",")) break;
    }
    expect(")", "to close the tuple");
    return folded(sealed(tuple));
  }

  ExprPtr list(const Token& open) {
    auto e = node(ExprKind::List, open);
    while (!peek().is_op("]")) {
      e->operands.push_back(expression(0));
      if (!accept(",")) break;
    }
    expect("]", "to close the list");
    return sealed(e);
  }

  // The program's variable slots: a name seen for the first time gets the next.
  uint32_t slot(const std::string& name) {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) return static_cast<uint32_t>(it - names_.begin());
    names_.push_back(name);
    return static_cast<uint32_t>(names_.size() - 1);
  }

  const TextOrigin& origin_;
  std::vector<std::string>& names_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int sites_ = 0;
  int depth_ = 0;  // Nesting levels open
};

}  // namespace

Step parse_statement(std::string_view text, const TextOrigin& origin, bool in_loop,
                     std::vector<std::string>& names) {
  return Parser(text, origin, names).statement(in_loop);
}

Step parse_statement(std::string_view text, const TextOrigin& origin, bool in_loop) {
  std::vector<std::string> names;
  return parse_statement(text, origin, in_loop, names);
}

ExprPtr parse_expression(std::string_view text, const TextOrigin& origin, int& call_sites,
                         std::vector<std::string>& names) {
  return Parser(text, origin, names).whole_expression(call_sites);
}

ExprPtr parse_expression(std::string_view text, const TextOrigin& origin, int& call_sites) {
  std::vector<std::string> names;
  return parse_expression(text, origin, call_sites, names);
}

}  // namespace netsim::lang
