// The automatic layout never draws a link through a node or across the name
// and addresses under it: checked on the geometry, then on every shipped scenario.
#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/cli/animate_input.h"
#include "sim/scenario/loader.h"
#include "viz/layout.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("link_gap measures from a link to a node's icon and labels") {
  // A horizontal link from (0,0) to (200,0).
  CHECK(link_gap({0, 0}, {200, 0}, {100, 0}) == 0);                      // through the icon
  CHECK(link_gap({0, 0}, {200, 0}, {100, -20}) == 0);                    // under the icon
  CHECK(link_gap({0, 0}, {200, 0}, {100, -40}) == 0);                    // across the labels
  CHECK(link_gap({0, 0}, {200, 0}, {100, 40}) == Approx(15));            // clear above
  CHECK(link_gap({0, 0}, {200, 0}, {100, -60}) == Approx(60 - kLabelDrop - kNodeClearance));
  CHECK(link_gap({0, 0}, {200, 0}, {260, 0}) == Approx(35));             // past the end
  // A vertical link just beside a node.
  CHECK(link_gap({50, -100}, {50, 100}, {0, 0}) == Approx(25));
}

TEST_CASE("the quick start's routers are not linked through host a") {
  const auto sc = scenario::load_scenario_file(std::string(NETSIM_SOURCE_DIR) +
                                               "/scenarios/foundation/three-routers.yaml");
  const Topology t = cli::topology_of(sc);
  const auto at = compute_layout(t, 1);
  const uint32_t a = *t.find_node("a");
  for (const TopologyLink& l : t.links)
    if (l.a.node != a && l.b.node != a) CHECK(link_gap(at[l.a.node], at[l.b.node], at[a]) > 0);
}

TEST_CASE("no shipped scenario's automatic layout runs a link through a node or its labels") {
  size_t checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(NETSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    // Python apps need the interpreter, which only the netsim binary installs.
    if (entry.path().parent_path().filename() == "python") continue;
    const auto sc = scenario::load_scenario_file(entry.path().string());
    const Topology t = cli::topology_of(sc);
    if (std::any_of(t.nodes.begin(), t.nodes.end(), [](const TopologyNode& n) { return n.pos; }))
      continue;  // the author placed them
    const auto at = compute_layout(t, 1);
    for (const TopologyLink& l : t.links)
      for (uint32_t v = 0; v < t.nodes.size(); ++v) {
        if (v == l.a.node || v == l.b.node) continue;
        INFO(entry.path().filename().string() << ": " << t.nodes[l.a.node].name << "-"
                                              << t.nodes[l.b.node].name << " over "
                                              << t.nodes[v].name);
        CHECK(link_gap(at[l.a.node], at[l.b.node], at[v]) > 0);
      }
    ++checked;
  }
  CHECK(checked > 20);
}
