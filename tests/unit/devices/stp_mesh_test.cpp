// Both engines on meshes with many loops (seeded, so every run is the same):
// once converged, the forwarding links form exactly one spanning tree rooted
// at the lowest bridge ID, and it stays one after a link fails.
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include "stp_harness.h"

using namespace netsim;
using namespace netsim::devices;
using namespace netsim::test;

namespace {
struct Cable {
  size_t a, pa, b, pb;
};

struct Mesh {
  StpNet net;
  std::vector<StpBridge*> bridges;
  std::vector<Cable> cables;

  Mesh(StpMode mode, size_t n, size_t extra, uint32_t seed) {
    std::mt19937 random(seed);
    std::vector<std::pair<size_t, size_t>> pairs;
    for (size_t i = 1; i < n; ++i) pairs.emplace_back(std::uniform_int_distribution<size_t>(0, i - 1)(random), i);
    for (size_t k = 0; k < extra; ++k) {
      const size_t a = random() % n, b = random() % n;
      if (a != b) pairs.emplace_back(a, b);
    }
    std::vector<size_t> ports(n, 0);
    for (const auto& [a, b] : pairs) cables.push_back({a, ++ports[a], b, ++ports[b]});
    for (size_t i = 0; i < n; ++i)
      bridges.push_back(&net.add("s" + std::to_string(i), static_cast<uint16_t>(4096 * (1 + random() % 8)),
                                 static_cast<uint8_t>(i + 1), ports[i], mode));
    for (const Cable& c : cables)
      net.connect(*bridges[c.a], static_cast<uint32_t>(c.pa), *bridges[c.b], static_cast<uint32_t>(c.pb));
    net.start();
  }

  bool forwards(const Cable& c) const {
    return bridges[c.a]->state(static_cast<uint32_t>(c.pa - 1)) == PortState::Forwarding &&
           bridges[c.b]->state(static_cast<uint32_t>(c.pb - 1)) == PortState::Forwarding;
  }

  // The cables `use` accepts connect every bridge, with no loop when `tree`.
  bool spans(bool tree, const std::function<bool(size_t)>& use) const {
    std::vector<size_t> group(bridges.size());
    for (size_t i = 0; i < group.size(); ++i) group[i] = i;
    auto find = [&](size_t x) {
      while (group[x] != x) x = group[x] = group[group[x]];
      return x;
    };
    size_t joined = 0;
    for (size_t k = 0; k < cables.size(); ++k) {
      if (!use(k)) continue;
      const size_t a = find(cables[k].a), b = find(cables[k].b);
      if (a == b) {
        if (tree) return false;  // a loop
        continue;
      }
      group[a] = b;
      ++joined;
    }
    return joined == bridges.size() - 1;
  }

  // The cables forwarding at both ends form one tree over every bridge.
  bool one_tree() const {
    return spans(true, [&](size_t k) { return forwards(cables[k]); });
  }

  std::string lowest() const {
    const StpBridge* best = bridges[0];
    for (const StpBridge* b : bridges)
      if (b->engine->bridge_id() < best->engine->bridge_id()) best = b;
    return best->name;
  }
};
}  // namespace

TEST_CASE("802.1D and RSTP on seeded meshes: one tree, rooted at the lowest bridge ID", "[stp][rstp]") {
  for (StpMode mode : {StpMode::Stp, StpMode::Rstp})
    for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
      INFO("mode " << to_string(mode) << ", seed " << seed);
      Mesh mesh(mode, 16, 16, seed);
      mesh.net.run_until(seconds(35));
      for (const StpBridge* b : mesh.bridges) CHECK(b->root() == mesh.lowest());
      CHECK(mesh.one_tree());

      // Fail a link of the tree whose loss leaves the mesh connected: a tree
      // again, later (802.1D waits for max age and two forward delays).
      size_t k = 0;
      auto without = [&](size_t skip) { return [&, skip](size_t j) { return j != skip; }; };
      while (k < mesh.cables.size() && !(mesh.forwards(mesh.cables[k]) && mesh.spans(false, without(k)))) ++k;
      REQUIRE(k < mesh.cables.size());
      const Cable& c = mesh.cables[k];
      mesh.net.set_cable(*mesh.bridges[c.a], static_cast<uint32_t>(c.pa), false);
      mesh.net.run_until(seconds(35 + (mode == StpMode::Stp ? 60 : 5)));
      for (const StpBridge* b : mesh.bridges) CHECK(b->root() == mesh.lowest());
      CHECK(mesh.one_tree());
    }
}
