// The scenario model's few behaviours: printing expected values and frame
// filters for messages, and looking nodes up by name.
#include "sim/scenario/model.h"

#include "sim/scenario/lang/value.h"

namespace netsim::scenario {

namespace {

// Python's repr() of a str: single quotes unless the text holds one and no
// double quote; backslash escapes for the quote, backslash and control bytes.
std::string python_repr(const std::string& text) {
  const bool double_quotes =
      text.find('\'') != std::string::npos && text.find('"') == std::string::npos;
  const char quote = double_quotes ? '"' : '\'';
  std::string out(1, quote);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;  // UTF-8 stays as is, as Python 3 prints printable text
    }
  }
  out += quote;
  return out;
}

}  // namespace

std::string ExpectedValue::to_string() const {
  switch (kind) {
    case Kind::None:
      return "None";
    case Kind::Bool:
      return boolean ? "True" : "False";
    case Kind::Int:
      return std::to_string(integer);
    case Kind::Float:
      return lang::float_repr(real);  // the same text the found value prints with
    case Kind::String:
      return python_repr(text);
    case Kind::List: {
      std::string out = "[";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += items[i].to_string();
      }
      return out + "]";
    }
  }
  return "None";
}

std::string FrameFilter::text() const {
  std::string out;
  auto add = [&out](std::string_view key, const std::string& value) {
    if (!out.empty()) out += ", ";
    out += key;
    out += ' ';
    out += value;
  };
  auto address = [](wire::Ipv4Address ip, std::optional<uint16_t> port) {
    return port ? ip.to_string() + ":" + std::to_string(*port) : ip.to_string();
  };
  if (at) add("at", at->text());
  if (!proto.empty()) add("proto", proto);
  if (!op.empty()) add("op", op);
  if (!type.empty()) add("type", type);
  if (!flags.empty()) add("flags", flags);
  if (src) add("src", address(*src, src_port));
  if (dst) add("dst", address(*dst, dst_port));
  if (ttl) add("ttl", std::to_string(*ttl));
  if (vlan) add("vlan", *vlan == kUntagged ? "none" : std::to_string(*vlan));
  if (!qname.empty()) add("qname", qname);
  if (!rcode.empty()) add("rcode", rcode);
  return out.empty() ? "any frame" : out;
}

namespace {

template <class Spec>
const Spec* find_named(const std::vector<Spec>& specs, Scenario::NameIndex& index,
                       std::string_view name) {
  for (; index.covered < specs.size(); ++index.covered)
    index.at.try_emplace(specs[index.covered].name, index.covered);  // the first of a name wins
  const auto it = index.at.find(name);
  return it == index.at.end() ? nullptr : &specs[it->second];
}

}  // namespace

const ExpectTables& ExpectSpec::tables() const {
  static const ExpectTables kNone;
  return tables_ ? *tables_ : kNone;
}

ExpectTables& ExpectSpec::edit_tables() {
  if (!tables_) tables_ = std::make_shared<ExpectTables>();
  return *tables_;
}

const NodeSpec* Scenario::find_node(std::string_view name) const {
  return find_named(nodes, node_index, name);
}

const AppSpec* Scenario::find_app(std::string_view name) const {
  return find_named(apps, app_index, name);
}

}  // namespace netsim::scenario
