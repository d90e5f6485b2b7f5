// The YAML side of the app language: which map keys make which block, where
// each step's text starts in the file, and the YAML pitfalls worth a hint
// (a ': ' turning a step into a map, commas splitting a flow list).
#include "sim/scenario/lang/parser.h"

#include <algorithm>
#include <array>

#include "sim/scenario/lang/expression_parser.h"
#include "sim/scenario/lang/suggest.h"
#include "sim/scenario/yaml_tree.h"

namespace netsim::lang {
namespace {

constexpr std::array<std::string_view, 8> kStepKeys{"while", "repeat", "if",     "do",
                                                    "else",  "try",    "except", "thread"};
constexpr std::array<std::string_view, 5> kHeads{"while", "repeat", "if", "try", "thread"};

SourceLoc loc_of(const scenario::YamlNode& n) {
  const YAML::Mark m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

bool is_one_of(std::string_view word, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A step text cut at a comma by a YAML flow list ("[print("a", b)]") leaves
// brackets or quotes open.
bool looks_cut_at_comma(std::string_view text) {
  int depth = 0;
  int single_quotes = 0;
  int double_quotes = 0;
  for (char c : text) {
    depth += (c == '(' || c == '[') - (c == ')' || c == ']');
    single_quotes += c == '\'';
    double_quotes += c == '"';
  }
  return depth != 0 || single_quotes % 2 != 0 || double_quotes % 2 != 0;
}

// `text` as a YAML scalar that reads back as exactly `text`: double quotes
// when that needs no escape, else single quotes (where '' stands for ').
std::string yaml_quoted(std::string_view text) {
  if (text.find_first_of("\"\\") == std::string_view::npos) return "\"" + std::string(text) + "\"";
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

struct Entry {
  std::string name;
  scenario::YamlNode key;
  scenario::YamlNode value;
};

class StepParser {
 public:
  StepParser(const std::string& file, std::vector<std::string>& names, ParseCache* cache)
      : file_(file), names_(names), cache_(cache) {}

  // A body: a list of steps (a single step is accepted too: `do: break`).
  std::vector<Step> steps(const scenario::YamlNode& body, const scenario::YamlNode& owner, std::string_view key,
                          bool in_loop) {
    if (!body.IsDefined() || body.IsNull() || ((body.IsSequence() || body.IsMap()) && body.size() == 0)) {
      fail(body.IsDefined() && !body.Mark().is_null() ? body : owner,
           "'" + std::string(key) + "' needs at least one step",
           "write [pass] for a block that does nothing");
    }
    std::vector<Step> out;
    if (!body.IsSequence()) {
      out.push_back(step(body, false, in_loop));
      return out;
    }
    const bool flow = body.Style() == YAML::EmitterStyle::Flow;
    out.reserve(body.size());  // exact: a program's steps live as long as the run
    for (const scenario::YamlNode& item : body) out.push_back(step(item, flow, in_loop));
    return out;
  }

 private:
  [[noreturn]] void fail(const scenario::YamlNode& at, std::string what, std::string hint = {}) const {
    throw ScenarioError(file_, loc_of(at), std::move(what), std::move(hint));
  }

  // Plain scalars start at their mark; quoted ones one column later. A
  // multi-line scalar (a | block) cannot map offsets, so errors point at it.
  TextOrigin origin(const scenario::YamlNode& scalar) const {
    TextOrigin o{file_, loc_of(scalar), true};
    const bool quoted = scalar.Tag() == "!";
    if (scalar.Scalar().find('\n') != std::string::npos) {
      o.exact = false;
    } else if (quoted) {
      o.start.col += 1;
    }
    return o;
  }

  Step step(const scenario::YamlNode& n, bool in_flow_list, bool in_loop) {
    if (n.IsNull()) fail(n, "empty step", "write a statement such as x = 1, or pass");
    if (n.IsSequence())
      fail(n, "a step cannot be a list", "nested steps go under do:, try:, except: or thread:");
    if (n.IsMap()) return block(n, in_flow_list, in_loop);
    const std::string& text = n.Scalar();
    try {
      return cache_ != nullptr ? cache_->statement(text, origin(n), in_loop, names_)
                               : parse_statement(text, origin(n), in_loop, names_);
    } catch (const ScenarioError& e) {
      if (!in_flow_list || !looks_cut_at_comma(text)) throw;
      throw ScenarioError(
          e.file(), e.loc(), e.problem(),
          "YAML splits a [ ] list at commas: write these steps one per line with '- '");
    }
  }

  // Also records where the condition's text starts in `s`.
  ExprPtr condition(const scenario::YamlNode& n, const scenario::YamlNode& key, Step& s) {
    if (!n.IsDefined() || n.IsNull())
      fail(key, "'" + key.Scalar() + "' needs a condition", "e.g. while: True");
    if (!n.IsScalar())
      fail(n, "'" + key.Scalar() + "' needs an expression, not a YAML list or map");
    const std::string& text = n.Scalar();
    const TextOrigin o = origin(n);
    s.text = o.start;
    s.text_exact = o.exact;
    // YAML's own booleans, written unquoted: `while: true` means True.
    if (n.Tag() == "?" && (text == "true" || text == "false")) {
      auto e = std::make_shared<Expr>();
      e->literal = Value::from_bool(text == "true");
      s.call_sites = 0;
      return e;
    }
    return parse_expression(text, o, s.call_sites, names_);
  }

  std::vector<Entry> entries(const scenario::YamlNode& map) const {
    std::vector<Entry> out;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) fail(kv.first, "a step key must be a word such as while or do");
      out.push_back({kv.first.Scalar(), kv.first, kv.second});
    }
    return out;
  }

  // The map step's keys must be exactly one head and its companions.
  Step block(const scenario::YamlNode& map, bool in_flow_list, bool in_loop) {
    const std::vector<Entry> keys = entries(map);
    if (keys.empty())
      fail(map, "empty step {}", "write a statement such as x = 1, pass, or a block {while: COND, do: [steps]}");
    for (const Entry& e : keys) {
      if (is_one_of(e.name, kStepKeys)) continue;
      std::string hint = did_you_mean(e.name, kStepKeys);
      if (!hint.empty() || keys.size() > 1) {
        fail(e.key, "unknown step key '" + e.name + "'",
             hint.empty() ? "step keys: while, repeat, if, do, else, try, except, thread" : hint);
      }
      const std::string first_word = e.name.substr(0, e.name.find(' '));
      if (first_word == "while" || first_word == "for") {
        fail(e.key, "this step was read by YAML as a map because of ':'",
             "a loop is a map step: {while: COND, do: [steps]}");
      }
      const std::string value = e.value.IsScalar() ? " " + e.value.Scalar() : "";
      // An item of a flow list ([a, b]) is quoted in place: a '- ' there is not YAML.
      fail(e.key, "this step was read by YAML as a map because of ': '",
           std::string(in_flow_list ? "quote the step in its list: " : "quote the whole step: - ") +
               yaml_quoted(e.name + ":" + value));
    }
    const Entry* head = nullptr;
    for (const Entry& e : keys) {
      if (!is_one_of(e.name, kHeads)) continue;
      if (head != nullptr) {
        fail(e.key, "'" + head->name + "' and '" + e.name + "' cannot share one step",
             "one block per step: make them two '- ' items");
      }
      head = &e;
    }
    if (head == nullptr) {
      fail(keys.front().key, "'" + keys.front().name + "' needs a step head",
           "a step map starts with while, repeat, if, try or thread");
    }
    Step s;
    s.loc = loc_of(head->key);
    const std::string& h = head->name;
    auto allow = [&](std::initializer_list<std::string_view> companions, std::string_view shape) {
      for (const Entry& e : keys) {
        if (&e == head ||
            std::find(companions.begin(), companions.end(), e.name) != companions.end())
          continue;
        fail(e.key, "'" + e.name + "' does not belong in a '" + h + "' step", std::string(shape));
      }
    };
    auto find = [&](std::string_view name) -> const Entry* {
      for (const Entry& e : keys) {
        if (e.name == name) return &e;
      }
      return nullptr;
    };
    auto required = [&](std::string_view name, std::string_view shape) -> const Entry& {
      const Entry* e = find(name);
      if (e == nullptr)
        fail(head->key, "'" + h + "' needs '" + std::string(name) + ":'", std::string(shape));
      return *e;
    };
    if (h == "while" || h == "repeat") {
      const std::string shape = "{" + h + ": " + (h == "while" ? "COND" : "N") + ", do: [steps]}";
      allow({"do"}, shape);
      const Entry& body = required("do", shape);
      s.kind = h == "while" ? StepKind::While : StepKind::Repeat;
      s.expr = condition(head->value, head->key, s);
      s.body = steps(body.value, body.key, "do", true);
    } else if (h == "if") {
      const std::string_view shape = "{if: COND, do: [steps], else: [steps]}";
      allow({"do", "else"}, shape);
      const Entry& body = required("do", shape);
      s.kind = StepKind::If;
      s.expr = condition(head->value, head->key, s);
      s.body = steps(body.value, body.key, "do", in_loop);
      if (const Entry* orelse = find("else"))
        s.orelse = steps(orelse->value, orelse->key, "else", in_loop);
    } else if (h == "try") {
      const std::string_view shape = "{try: [steps], except: {ErrorName: [steps]}}";
      allow({"except"}, shape);
      const Entry& except = required("except", shape);
      s.kind = StepKind::Try;
      s.body = steps(head->value, head->key, "try", in_loop);
      s.handlers = handlers(except, in_loop);
    } else {
      allow({}, "{thread: [steps]}");
      s.kind = StepKind::Thread;
      s.body = steps(head->value, head->key, "thread", false);  // a new task: no loop around it
    }
    return s;
  }

  // except: {TimeoutError: [...], "ConnectionRefusedError, ConnectionResetError": [...]}
  // or except: [...] (any error, Python's bare except).
  std::vector<Handler> handlers(const Entry& except, bool in_loop) {
    std::vector<Handler> out;
    if (except.value.IsSequence()) {
      out.push_back({{ErrorKind::Exception},
                     loc_of(except.key),
                     steps(except.value, except.key, "except", in_loop)});
      return out;
    }
    if (!except.value.IsMap() || except.value.size() == 0) {
      fail(except.key, "'except' needs ErrorName: [steps] entries",
           "except: {TimeoutError: [steps]}, or except: [steps] to catch any error");
    }
    for (const Entry& e : entries(except.value)) {
      Handler h;
      h.loc = loc_of(e.key);
      std::string names = e.name;
      std::erase_if(names, [](char c) { return c == '(' || c == ')'; });
      size_t from = 0;
      while (from <= names.size()) {
        size_t comma = names.find(',', from);
        if (comma == std::string::npos) comma = names.size();
        std::string name = names.substr(from, comma - from);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        const std::optional<ErrorKind> kind = error_kind_from_name(name);
        if (!kind) {
          const std::vector<std::string_view> known = error_names();
          std::string hint = did_you_mean(name, known);
          fail(e.key, "unknown error '" + name + "'",
               hint.empty() ? "errors: OSError, ConnectionRefusedError, TimeoutError, gaierror, "
                              "... or Exception"
                            : hint);
        }
        h.catches.push_back(*kind);
        from = comma + 1;
      }
      h.body = steps(e.value, e.key, e.name, in_loop);
      out.push_back(std::move(h));
    }
    return out;
  }

  const std::string& file_;
  std::vector<std::string>& names_;
  ParseCache* cache_;
};

}  // namespace

Program parse_program(const scenario::YamlNode& steps, const std::string& file, ParseCache* cache) {
  if (!steps.IsDefined() || !steps.IsSequence()) {
    throw ScenarioError(file, steps.IsDefined() ? loc_of(steps) : SourceLoc{},
                        "an app's steps must be a list",
                        "write each step on its own '- ' line under steps:");
  }
  Program p;
  p.file = file;
  p.steps = StepParser(file, p.names, cache).steps(steps, steps, "steps", false);
  if (cache != nullptr) cache->intern(p.steps);  // the conditions; statements came interned
  return p;
}

}  // namespace netsim::lang
