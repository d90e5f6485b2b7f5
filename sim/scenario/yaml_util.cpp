// Reading scenario YAML nodes with file:line:col errors: shapes, keys and typed scalars.
#include "sim/scenario/yaml_util.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "sim/scenario/lang/suggest.h"
#include "sim/scenario/units.h"

namespace netsim::scenario {

SourceLoc loc_of(const YamlNode& node) {
  return node.IsDefined() ? loc_of(node.Mark()) : SourceLoc{};
}

SourceLoc loc_of(const YAML::Mark& mark) {
  return mark.is_null() ? SourceLoc{} : SourceLoc{mark.line + 1, mark.column + 1};
}

std::string loc_text(SourceLoc loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return lang::did_you_mean(word, views);
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view list_intro) {
  if (candidates.empty()) return {};
  std::string hint = did_you_mean(word, candidates);
  return hint.empty() ? std::string(list_intro) + join(candidates) : hint;
}

std::string quoted(std::string_view text) { return "'" + clip(text) + "'"; }

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += separator;
    out += words[i];
  }
  return out;
}

bool is_plain(const YamlNode& node) { return node.IsScalar() && node.Tag() == "?"; }

bool is_null(const YamlNode& node) {
  return node.IsNull() || (is_plain(node) && (node.Scalar() == "None" || node.Scalar().empty()));
}

void YamlReader::fail(SourceLoc loc, std::string what, std::string hint) const {
  throw ScenarioError(file_, loc, std::move(what), std::move(hint));
}

void YamlReader::fail(const YamlNode& at, std::string what, std::string hint) const {
  fail(loc_of(at), std::move(what), std::move(hint));
}

void YamlReader::require_map(const YamlNode& node, std::string_view what) const {
  if (!node.IsMap())
    fail(node, std::string(what) + " must be a map of keys and values",
         "write `key: value` lines or {key: value, ...}");
}

void YamlReader::require_sequence(const YamlNode& node, std::string_view what) const {
  if (!node.IsSequence())
    fail(node, std::string(what) + " must be a list", "write `- item` lines or [item, ...]");
}

bool YamlReader::map_or_null(const YamlNode& node, std::string_view what) const {
  if (is_null(node)) return false;
  require_map(node, what);
  return true;
}

std::string YamlReader::scalar(const YamlNode& node, std::string_view what) const {
  if (!node.IsScalar()) {
    const char* found = node.IsMap() ? "a map" : node.IsSequence() ? "a list" : "empty";
    fail(node, std::string(what) + " must be a single value, not " + found);
  }
  return node.Scalar();
}

void YamlReader::at_most(const YamlNode& collection, size_t max, std::string_view what) const {
  if (collection.size() > max)
    fail(collection,
         std::to_string(collection.size()) + " " + std::string(what) + ": more than " +
             std::to_string(max) + ", the most a scenario may have",
         "split the network into several scenarios");
}

void YamlReader::check_unique_keys(const YamlNode& map) const {
  std::map<std::string, SourceLoc, std::less<>> seen;  // a map: 100,000 hosts entries stay quick
  for (const auto& entry : map) {
    if (!entry.first.IsScalar())
      fail(entry.first, "a key must be a single word, not a list or map");
    const std::string& key = entry.first.Scalar();
    const auto [it, inserted] = seen.try_emplace(key, loc_of(entry.first));
    if (!inserted)
      fail(entry.first, "duplicate key " + quoted(key) + " (first at " + loc_text(it->second) + ")");
  }
}

void YamlReader::check_keys(const YamlNode& map, const std::vector<std::string>& allowed,
                            std::string_view where) const {
  check_unique_keys(map);
  for (const auto& entry : map) {
    const std::string& key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(entry.first, "unknown key " + quoted(key) + " in " + std::string(where),
           suggestion(key, allowed));
  }
}

YamlReader::KeyValue YamlReader::exactly_one(const YamlNode& map,
                                             const std::vector<std::string>& choices,
                                             std::string_view where,
                                             std::string_view example) const {
  std::optional<KeyValue> found;
  for (const auto& entry : map) {
    if (std::find(choices.begin(), choices.end(), entry.first.Scalar()) == choices.end()) continue;
    if (found)
      fail(entry.first,
           std::string(where) + " takes one of " + join(choices) + ", but " +
               quoted(found->key.Scalar()) + " and " + quoted(entry.first.Scalar()) +
               " are both given",
           "write one for each");
    found.emplace(KeyValue{entry.first, entry.second});
  }
  if (!found)
    fail(map, std::string(where) + " needs one of: " + join(choices), std::string(example));
  return *found;
}

YamlNode YamlReader::required(const YamlNode& map, const std::string& key,
                                std::string_view where) const {
  YamlNode value = map[key];
  if (!value.IsDefined()) fail(map, std::string(where) + " needs " + quoted(key));
  return value;
}

Time YamlReader::duration(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = parse_duration(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not a duration",
         "a number with a unit: 250ns, 50us, 1.5ms, 2s, 1m, 1h; a bare number is seconds; "
         "at most 87600h (10 years)");
  return *value;
}

uint64_t YamlReader::rate(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = parse_rate(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not a rate",
         "bits per second with a unit: 100bps, 64kbps, 10Mbps, 1Gbps");
  return *value;
}

uint64_t YamlReader::size(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = parse_size(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not a size",
         "bytes: 1500, 2KB, 64KiB, 1MB, 1MiB");
  return *value;
}

double YamlReader::probability(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = parse_probability(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not a probability",
         "a number from 0 to 1, such as 0.01, or a percentage such as 1%");
  return *value;
}

int64_t YamlReader::integer(const YamlNode& node, std::string_view what, int64_t min,
                            int64_t max) const {
  const std::string text = scalar(node, what);
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const std::string range =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size())
    fail(node, std::string(what) + " " + quoted(text) + " is not a whole number", range);
  if (value < min || value > max)
    fail(node, std::string(what) + " " + clip(text) + " is out of range", range);
  return value;
}

double YamlReader::number(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
      value != value || value - value != 0)  // NaN or infinite
    fail(node, std::string(what) + " " + quoted(text) + " is not a number",
         "such as 3, 2.5 or -1e3");
  return value;
}

bool YamlReader::boolean(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  fail(node, std::string(what) + " " + quoted(text) + " is not true or false");
}

wire::Ipv4Address YamlReader::ipv4(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = wire::Ipv4Address::parse(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not an IPv4 address",
         "four numbers 0-255 separated by dots, such as 192.168.1.1");
  return *value;
}

wire::Ipv4Prefix YamlReader::prefix(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = wire::Ipv4Prefix::parse(text);
  if (!value || text.find('/') == std::string::npos)
    fail(node,
         std::string(what) + " " + quoted(text) + " is not an IPv4 address with a prefix length",
         "such as 192.168.1.10/24");
  return *value;
}

wire::MacAddress YamlReader::mac(const YamlNode& node, std::string_view what) const {
  const std::string text = scalar(node, what);
  const auto value = wire::MacAddress::parse(text);
  if (!value)
    fail(node, std::string(what) + " " + quoted(text) + " is not a MAC address",
         "six hex bytes such as 58:20:b1:44:99:db or 58-20-B1-44-99-DB");
  return *value;
}

std::string YamlReader::choice(const YamlNode& node, std::string_view what,
                               const std::vector<std::string>& allowed) const {
  const std::string text = scalar(node, what);
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end())
    fail(node, std::string(what) + " " + quoted(text) + " is not one of " + join(allowed),
         did_you_mean(text, allowed));
  return text;
}

}  // namespace netsim::scenario
