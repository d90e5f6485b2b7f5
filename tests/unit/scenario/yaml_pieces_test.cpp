// A large file read in pieces on two threads gives the very tree (marks,
// styles, tags, scalars) and the very errors of one parse of the whole.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/error.h"
#include "sim/scenario/yaml_pieces.h"
#include "sim/scenario/yaml_tree.h"

using namespace netsim;
using namespace netsim::scenario;

namespace {

// A campus-like scenario of `apps` apps, well over the pieces threshold.
std::string campus(int apps, const std::string& middle_extra = "") {
  std::string y = "name: pieces\nlink_defaults: {bandwidth: 1Gbps, delay: 1us}\nnodes:\n";
  for (int i = 0; i < 50; ++i)
    y += "  h" + std::to_string(i) + ": {kind: host, interfaces: {eth0: {ip: 10.0.0." +
         std::to_string(i + 2) + "/24}}}\n";
  y += "apps:\n";
  for (int i = 0; i < apps; ++i) {
    if (i == apps * 3 / 4) y += middle_extra;
    y += "  send" + std::to_string(i) + ":\n    node: h" + std::to_string(i % 50) +
         "\n    start: " + std::to_string(100 + i) +
         "ms\n    steps:\n      - c = socket()\n      - 'c.connect((\"10.0.0.3\", 5000))'\n"
         "      - repeat: 100\n        do:\n          - c.sendall(b\"x\" * 1000)\n\n"
         "      - c.close()  # done\n";
  }
  y += "expect:\n  - {app: send0, var: c, equals: 1}\n";
  return y;
}

void same_node(const YamlNode& a, const YamlNode& b) {
  REQUIRE(a.IsDefined() == b.IsDefined());
  const YAML::Mark ma = a.Mark(), mb = b.Mark();
  REQUIRE(ma.line == mb.line);
  REQUIRE(ma.column == mb.column);
  REQUIRE(ma.pos == mb.pos);
  REQUIRE(a.Tag() == b.Tag());
  REQUIRE(a.Style() == b.Style());
  REQUIRE(a.IsMap() == b.IsMap());
  REQUIRE(a.IsSequence() == b.IsSequence());
  REQUIRE(a.IsNull() == b.IsNull());
  REQUIRE(a.Scalar() == b.Scalar());
  REQUIRE(a.size() == b.size());
  if (a.IsMap()) {
    auto ib = b.begin();
    for (const auto& entry : a) {
      const YamlEntry other = *ib;
      same_node(entry.first, other.first);
      same_node(entry.second, other.second);
      ++ib;
    }
  } else if (a.IsSequence()) {
    for (size_t i = 0; i < a.size(); ++i) same_node(a[i], b[i]);
  }
}

std::string error_of(const std::string& text, YamlRead how) {
  try {
    parse_yaml_tree(text, "f.yaml", how);
  } catch (const ScenarioError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("other: ") + e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a large file is cut at an entry of its largest block, near the middle") {
  const std::string text = campus(800);
  const auto cut = find_yaml_cut(text);
  REQUIRE(cut);
  CHECK(text.compare(cut->begin, 6, "  send") == 0);  // an entry's first line
  CHECK(cut->begin > text.size() * 2 / 5);
  CHECK(cut->begin < text.size() * 3 / 5);
  CHECK(text.compare(cut->end, 7, "expect:") == 0);
  CHECK_FALSE(find_yaml_cut(campus(10)));  // small: whole
  CHECK_FALSE(find_yaml_cut("---\n" + text));
  CHECK_FALSE(find_yaml_cut("- " + text));
}

TEST_CASE("read in pieces, a file gives the tree of one parse: marks, styles, tags, scalars") {
  const std::string extra = GENERATE(as<std::string>{}, "",
                                     // a sequence at the key's indentation, a block scalar, a comment
                                     "  odd:\n  - a\n  - |\n    text\n\n    more\n# note\n  \"quoted key\": 1\n",
                                     // anchors do not cross pieces: read whole
                                     "  anchored: &a {x: 1}\n  alias: *a\n");
  const std::string text = campus(800, extra);
  REQUIRE(find_yaml_cut(text));
  const YamlDocument pieces = parse_yaml_tree(text, "f.yaml", YamlRead::Pieces);
  const YamlDocument whole = parse_yaml_tree(text, "f.yaml", YamlRead::Whole);
  same_node(pieces.root(), whole.root());
}

TEST_CASE("read in pieces, a bad file fails exactly as one parse does") {
  const std::string extra = GENERATE(as<std::string>{},
                                     "  send1:\n    node: h1\n",          // a key the head has too
                                     "  bad: [unclosed\n",                 // a syntax error
                                     "  x: !!python/object 1\n",           // a tag the guard refuses
                                     "  tab:\n\tnode: h1\n");              // tab indentation
  const std::string text = campus(800, extra);
  const std::string whole = error_of(text, YamlRead::Whole);
  CHECK_FALSE(whole.empty());
  CHECK(error_of(text, YamlRead::Pieces) == whole);
}
