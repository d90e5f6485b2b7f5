#include "sim/scenario/lang/parse_cache.h"

#include <algorithm>
#include <cstring>

#include "sim/scenario/lang/expression_parser.h"

namespace netsim::lang {
namespace {

template <typename T>
void append(std::string& key, const T& field) {
  const size_t at = key.size();
  key.resize(at + sizeof field);
  std::memcpy(key.data() + at, &field, sizeof field);
}

// A literal by kind and content: the raw bytes of a text (a folded
// bytes(1000) would take 4000 characters of repr), items one by one, and
// the repr of a scalar, which tells 1, True and 1.0 apart.
void append_literal(std::string& key, const Value& v) {
  append(key, v.kind());
  if (v.is_text()) {
    append(key, v.text().size());
    key += v.text();
  } else if (v.is_sequence()) {
    append(key, v.items().size());
    for (const Value& item : v.items()) append_literal(key, item);
  } else {
    key += v.repr();
    key += '\0';
  }
}

// Every field of `e`, with its (already pooled) operands by address: two
// nodes with equal keys are interchangeable.
std::string key(const Expr& e, const std::vector<ExprPtr>& operands) {
  std::string k;
  append(k, e.kind);
  append(k, e.function);
  append(k, e.method);
  append(k, e.unary_op);
  append(k, e.binary_op);
  append(k, e.height);
  append(k, e.call_site);
  append(k, e.offset);
  append(k, e.slot);
  append(k, operands.size());
  for (const ExprPtr& o : operands) append(k, o.get());
  append(k, e.compare_ops.size());
  for (CompareOp op : e.compare_ops) append(k, op);
  if (e.kind == ExprKind::Literal) append_literal(k, e.literal);
  return k;
}

// The slots of a step's names in source order: assignment targets, then its
// expression's leaves left to right (the order the parser met them), then a
// one-line if's statement.
void uses(const Expr& e, std::vector<uint32_t>& out) {
  if (e.kind == ExprKind::Name) out.push_back(e.slot);
  for (const ExprPtr& o : e.operands) uses(*o, out);
}
void uses(const Step& s, std::vector<uint32_t>& out) {
  out.insert(out.end(), s.targets.begin(), s.targets.end());
  if (s.expr) uses(*s.expr, out);
  for (const Step& b : s.body) uses(b, out);
}

// `s` as parsed from the same text written at `origin`.
void relocate(Step& s, const TextOrigin& origin) {
  const int offset = s.text_exact ? s.loc.col - s.text.col : 0;
  s.loc = origin.at(static_cast<size_t>(offset));
  s.text = origin.start;
  s.text_exact = origin.exact;
  for (Step& b : s.body) relocate(b, origin);
}

}  // namespace

ExprPtr ParseCache::intern(const ExprPtr& e) {
  if (!e) return e;
  std::vector<ExprPtr> operands;
  operands.reserve(e->operands.size());
  bool same = true;
  for (const ExprPtr& o : e->operands) {
    operands.push_back(intern(o));
    same = same && operands.back() == o;
  }
  auto [it, inserted] = nodes_.try_emplace(key(*e, operands));
  if (!inserted) return it->second;
  if (same) {
    it->second = e;
  } else {
    auto copy = std::make_shared<Expr>(*e);
    copy->operands = std::move(operands);
    it->second = std::move(copy);
  }
  return it->second;
}

void ParseCache::intern(std::vector<Step>& steps) {
  for (Step& s : steps) {
    s.expr = intern(s.expr);
    intern(s.body);
    intern(s.orelse);
    for (Handler& h : s.handlers) intern(h.body);
  }
}

}  // namespace netsim::lang

namespace netsim::lang {

Step ParseCache::statement(std::string_view text, const TextOrigin& origin, bool in_loop,
                           std::vector<std::string>& names) {
  std::string key(1, in_loop ? '1' : '0');
  key += text;
  auto slot = [&names](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<uint32_t>(it - names.begin());
    names.push_back(name);  // as the parser does for a name met first
    return static_cast<uint32_t>(names.size() - 1);
  };
  const auto it = statements_.find(key);
  if (it != statements_.end()) {
    const Parsed& p = it->second;
    bool same = true;
    for (size_t i = 0; i < p.names.size(); ++i) same = slot(p.names[i]) == p.slots[i] && same;
    if (same) {
      Step s = p.step;
      relocate(s, origin);
      return s;
    }
  }
  Step s = parse_statement(text, origin, in_loop, names);
  s.expr = intern(s.expr);
  for (Step& b : s.body) b.expr = intern(b.expr);
  if (it == statements_.end()) {
    Parsed p{s, {}, {}};
    uses(s, p.slots);
    for (const uint32_t used : p.slots) p.names.push_back(names[used]);
    statements_.emplace(std::move(key), std::move(p));
  }
  return s;
}

}  // namespace netsim::lang
