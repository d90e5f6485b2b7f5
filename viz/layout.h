// Where each node sits: the scenario's `pos:` when every node has one;
// otherwise a Fruchterman-Reingold layout (Boost.Graph) from a seeded start, in
// name order, so the picture is the same on every run and every machine.
#pragma once
#include <cstdint>
#include <vector>

#include "viz/topology.h"

namespace netsim::viz {

struct Point {
  double x = 0, y = 0;
};

struct Box {
  double left = 0, top = 0, width = 1, height = 1;
};

// One point per topology node (same order), in layout units (any scale).
// Nodes with `pos:` keep their place relative to each other; nodes without one
// are placed where the force layout puts them, mapped into the `pos:` frame.
std::vector<Point> compute_layout(const Topology& topology, uint64_t seed);

// Scales and centres `points` uniformly (aspect kept) into `box`. A single
// point, or all on one spot, lands in the centre.
std::vector<Point> fit_to_box(const std::vector<Point>& points, Box box);

}  // namespace netsim::viz
