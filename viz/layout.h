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

// Layout units: a link is about kLinkLength long. A node's icon and the
// name and addresses under it take a capsule: a disc of radius kNodeClearance
// around the centre swept kLabelDrop downwards (y grows downwards).
inline constexpr double kLinkLength = 100, kNodeClearance = 25, kLabelDrop = 25;

// How far the segment a-b passes from the capsule of a node at c (0 when it
// runs through it). The automatic layout keeps this above 0 for every link
// and every node that is not one of its ends.
double link_gap(Point a, Point b, Point c);

// One point per topology node (same order), in layout units (any scale).
// Nodes with `pos:` keep their place relative to each other; nodes without one
// are placed where the force layout puts them, mapped into the `pos:` frame.
std::vector<Point> compute_layout(const Topology& topology, uint64_t seed);

// Scales and centres `points` uniformly (aspect kept) into `box`. A single
// point, or all on one spot, lands in the centre.
std::vector<Point> fit_to_box(const std::vector<Point>& points, Box box);

}  // namespace netsim::viz
