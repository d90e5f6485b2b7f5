// Reading scenario YAML nodes (yaml_tree.h) with errors that point into the file: shapes, keys
// (unknown, duplicate, "did you mean"), and typed scalars. Every failure is a
// ScenarioError at the offending node's 1-based line:col.
#pragma once
#include "sim/scenario/yaml_tree.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"
#include "sim/scenario/error.h"
#include "sim/wire/address.h"

namespace netsim::scenario {

// 1-based position of a node; {0, 0} for a node that has none (absent keys).
SourceLoc loc_of(const YamlNode& node);
SourceLoc loc_of(const YAML::Mark& mark);  // a parse error's mark, say
// "12:5", for messages that point at another place in the same file.
std::string loc_text(SourceLoc loc);

// "did you mean 'x'?" when a candidate is close to `word` (lang::did_you_mean,
// the project's one notion of closeness), else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// The same, or when none is close, `list_intro` and every candidate.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view list_intro = "expected one of: ");
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");
// 'text', as messages show names and values; a long value is clipped to 80 bytes.
std::string quoted(std::string_view text);

// A plain scalar (not quoted, not a block scalar): YAML's untyped words such
// as true, 3, null, whose meaning depends on the text.
bool is_plain(const YamlNode& node);
// null, ~, an empty value, or Python's None, unquoted.
bool is_null(const YamlNode& node);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(SourceLoc loc, std::string what, std::string hint = {}) const;
  [[noreturn]] void fail(const YamlNode& at, std::string what, std::string hint = {}) const;

  // Shapes; `what` names the value in messages ("'nodes'", "node 'pc1'").
  void require_map(const YamlNode& node, std::string_view what) const;
  void require_sequence(const YamlNode& node, std::string_view what) const;
  // A map, or null/empty meaning an empty map ("eth0:" or "eth0: {}").
  bool map_or_null(const YamlNode& node, std::string_view what) const;
  std::string scalar(const YamlNode& node, std::string_view what) const;

  // At most `max` entries in a map or list (the limits of yaml_guard.h).
  void at_most(const YamlNode& collection, size_t max, std::string_view what) const;
  // Every key of `map` is a scalar and appears once.
  void check_unique_keys(const YamlNode& map) const;
  // ...and is one of `allowed`; an unknown key gets a "did you mean" hint.
  void check_keys(const YamlNode& map, const std::vector<std::string>& allowed,
                  std::string_view where) const;
  // The one key of `map` that is among `choices`, with its value: exactly one
  // must be present. `where` names the map ("an event"); `example` shows one.
  struct KeyValue {
    YamlNode key, value;
  };
  KeyValue exactly_one(const YamlNode& map, const std::vector<std::string>& choices,
                       std::string_view where, std::string_view example) const;
  // The value under `key`, which must be present.
  YamlNode required(const YamlNode& map, const std::string& key, std::string_view where) const;

  // Typed scalars.
  Time duration(const YamlNode& node, std::string_view what) const;
  uint64_t rate(const YamlNode& node, std::string_view what) const;
  uint64_t size(const YamlNode& node, std::string_view what) const;
  double probability(const YamlNode& node, std::string_view what) const;
  int64_t integer(const YamlNode& node, std::string_view what, int64_t min, int64_t max) const;
  double number(const YamlNode& node, std::string_view what) const;
  bool boolean(const YamlNode& node, std::string_view what) const;
  wire::Ipv4Address ipv4(const YamlNode& node, std::string_view what) const;
  // "10.0.0.0/8": the prefix length is required.
  wire::Ipv4Prefix prefix(const YamlNode& node, std::string_view what) const;
  wire::MacAddress mac(const YamlNode& node, std::string_view what) const;
  // One of `allowed`, exactly as written there.
  std::string choice(const YamlNode& node, std::string_view what,
                     const std::vector<std::string>& allowed) const;

 private:
  std::string file_;
};

}  // namespace netsim::scenario
