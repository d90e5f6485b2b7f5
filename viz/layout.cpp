// Layout: Boost.Graph over vertices in name order, random starts drawn from a
// RandomStream (same bits on every platform), so neither the file's node
// order nor the machine changes the picture. Each
// connected part is laid out on its own: Kamada-Kawai up to a few hundred
// nodes (its springs make distances follow hop counts: chains come out
// straight, stars and trees open), Fruchterman-Reingold beyond; then each part
// is turned lengthwise and the parts are packed in rows.
#include "viz/layout.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
// Boost's all-pairs shortest paths inside Kamada-Kawai trips GCC's
// -Wmaybe-uninitialized on edge iterators that are always set before use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/kamada_kawai_spring_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>
#include <numeric>
#include <optional>
#include <set>

#include "sim/core/random.h"

namespace netsim::viz {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using Space = boost::rectangle_topology<boost::minstd_rand>;
constexpr size_t kKamadaKawaiMaxNodes = 200;
constexpr double kEdgeLength = kLinkLength;
// Untangling checks every link against every node each round: a budget of
// checks keeps it to a few milliseconds (big parts are Fruchterman-Reingold's, left as they are).
constexpr size_t kUntangleMaxNodes = kKamadaKawaiMaxNodes, kUntangleChecks = 1'000'000;

Point minus(Point a, Point b) { return {a.x - b.x, a.y - b.y}; }
double dot(Point a, Point b) { return a.x * b.x + a.y * b.y; }
double length(Point a) { return std::hypot(a.x, a.y); }

// The point of segment a-b closest to p.
Point closest_on(Point a, Point b, Point p) {
  const Point d = minus(b, a);
  const double span = dot(d, d);
  const double t = span > 0 ? std::clamp(dot(minus(p, a), d) / span, 0.0, 1.0) : 0.0;
  return {a.x + t * d.x, a.y + t * d.y};
}

bool segments_cross(Point a, Point b, Point c, Point d) {
  auto side = [](Point o, Point p, Point q) {
    return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
  };
  const double d1 = side(c, d, a), d2 = side(c, d, b), d3 = side(a, b, c), d4 = side(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

// The closest pair of points between segment a-b (the link) and the capsule's
// axis c-c' (the node): first on the link, second on the axis.
std::pair<Point, Point> closest_pair(Point a, Point b, Point c) {
  const Point c2{c.x, c.y + kLabelDrop};
  if (segments_cross(a, b, c, c2)) {
    const Point p = closest_on(a, b, c);
    return {p, p};
  }
  std::pair<Point, Point> best{closest_on(a, b, c), c};
  auto consider = [&](Point on_link, Point on_axis) {
    if (length(minus(on_link, on_axis)) < length(minus(best.first, best.second)))
      best = {on_link, on_axis};
  };
  consider(closest_on(a, b, c2), c2);
  consider(a, closest_on(c, c2, a));
  consider(b, closest_on(c, c2, b));
  return best;
}

// Moves nodes off the links that run through them or their labels (a
// Kamada-Kawai chain may put a leaf right on its neighbour's other link):
// each offender steps sideways, away from the link, until it clears it.
void untangle(std::vector<Point>& points,
              const std::vector<std::pair<uint32_t, uint32_t>>& edges) {
  if (points.size() > kUntangleMaxNodes || edges.empty()) return;
  const size_t rounds = std::min<size_t>(200, kUntangleChecks / (edges.size() * points.size()));
  for (size_t round = 0; round < rounds; ++round) {
    bool moved = false;
    for (const auto& [a, b] : edges)
      for (uint32_t v = 0; v < points.size(); ++v) {
        if (v == a || v == b) continue;
        const auto [on_link, on_axis] = closest_pair(points[a], points[b], points[v]);
        Point away = minus(on_axis, on_link);
        double gap = length(away) - kNodeClearance;
        if (gap > 0) continue;
        if (length(away) < 1e-9) {  // on the line: step to the link's left, or right
          const Point d = minus(points[b], points[a]);
          away = {-d.y, d.x};
          if (dot(away, minus(points[v], points[a])) < 0) away = {d.y, -d.x};
        }
        const double step = (2 - gap) / std::max(length(away), 1e-9);
        points[v] = {points[v].x + away.x * step, points[v].y + away.y * step};
        moved = true;
      }
    if (!moved) return;
  }
}

// Turns the picture so its longest extent (principal axis) runs left to right,
// which fills a wide window best.
std::vector<Point> along_widest_axis(std::vector<Point> points) {
  if (points.size() < 2) return points;
  double mx = 0, my = 0;
  for (const Point& p : points) {
    mx += p.x;
    my += p.y;
  }
  mx /= static_cast<double>(points.size());
  my /= static_cast<double>(points.size());
  double xx = 0, yy = 0, xy = 0;
  for (const Point& p : points) {
    xx += (p.x - mx) * (p.x - mx);
    yy += (p.y - my) * (p.y - my);
    xy += (p.x - mx) * (p.y - my);
  }
  const double angle = 0.5 * std::atan2(2 * xy, xx - yy);
  const double c = std::cos(-angle), s = std::sin(-angle);
  for (Point& p : points) {
    const double x = p.x - mx, y = p.y - my;
    p = {x * c - y * s, x * s + y * c};
  }
  return points;
}

// Boost's relative tolerance alone can cycle for ever on a symmetric graph
// (the spanning-tree triangle of switches with a host on two corners): also
// stop after a fixed number of steps, 1000 per vertex, which settles any
// part Kamada-Kawai is used for.
struct BoundedTolerance {
  boost::layout_tolerance<double> tolerance;
  size_t steps_left;
  bool operator()(double delta_p, Graph::vertex_descriptor p, const Graph& g, bool global) {
    if (steps_left == 0) return true;
    --steps_left;
    return tolerance(delta_p, p, g, global);
  }
};

// One connected component: Kamada-Kawai from a circle in name order when it
// is small enough (its distance matrix is m^2), else Fruchterman-Reingold from
// a seeded random start. `edges` use the component's own vertex numbers.
std::vector<Point> layout_component(size_t m,
                                    const std::vector<std::pair<uint32_t, uint32_t>>& edges,
                                    uint64_t seed) {
  if (m == 1) return {Point{}};
  Graph g(m);
  for (const auto& [a, b] : edges) boost::add_edge(a, b, g);
  const double side = kEdgeLength * std::sqrt(static_cast<double>(m));
  boost::minstd_rand jitter(static_cast<uint32_t>(seed % 2147483646u) + 1u);
  const Space space(jitter, -side / 2, -side / 2, side / 2, side / 2);
  std::vector<Space::point_type> at(m);
  const auto position_map =
      boost::make_iterator_property_map(at.begin(), boost::get(boost::vertex_index, g));
  if (m <= kKamadaKawaiMaxNodes) {
    constexpr double kTau = 6.283185307179586;
    for (size_t i = 0; i < m; ++i) {
      const double angle = kTau * static_cast<double>(i) / static_cast<double>(m);
      at[i][0] = side / 2 * std::cos(angle);
      at[i][1] = side / 2 * std::sin(angle);
    }
    boost::kamada_kawai_spring_layout(
        g, position_map, boost::make_constant_property<Graph::edge_descriptor>(1.0), space,
        boost::edge_length(kEdgeLength), BoundedTolerance{{}, 1000 * m});
  } else {
    RandomStream start(seed, "viz-layout");
    for (auto& p : at) {
      p[0] = (start.next_unit() - 0.5) * side;
      p[1] = (start.next_unit() - 0.5) * side;
    }
    // Fewer rounds for big parts: each costs about O(m), and 1000 nodes settle in 100.
    const size_t rounds = std::max<size_t>(100, 80'000 / m);
    boost::fruchterman_reingold_force_directed_layout(
        g, position_map, space, boost::cooling(boost::linear_cooling<double>(rounds, side / 8)));
  }
  std::vector<Point> out;
  for (const auto& p : at) out.push_back({p[0], p[1]});
  return out;
}

// Mirrors a component so that its first node by name (vertex 0) is on the
// left half: reading order, "pc1 ... pc2", rather than whichever way it fell.
void first_on_the_left(std::vector<Point>& points) {
  double mean = 0;
  for (const Point& p : points) mean += p.x;
  mean /= static_cast<double>(points.size());
  if (points[0].x <= mean) return;
  for (Point& p : points) p.x = 2 * mean - p.x;
}

// Lays components out in rows, in order, kEdgeLength apart, each already
// centred on its own origin.
void pack_components(std::vector<std::vector<Point>>& components) {
  double area = 0, widest = 0;
  struct Bounds {
    double left, top, width, height;
  };
  std::vector<Bounds> bounds;
  for (const auto& c : components) {
    double l = c[0].x, r = c[0].x, t = c[0].y, b = c[0].y;
    for (const Point& p : c) {
      l = std::min(l, p.x);
      r = std::max(r, p.x);
      t = std::min(t, p.y);
      b = std::max(b, p.y);
    }
    bounds.push_back({l, t, r - l, b - t});
    area += (r - l + kEdgeLength) * (b - t + kEdgeLength);
    widest = std::max(widest, r - l);
  }
  // Rows about 1.6 times wider than tall suit a wide window.
  const double row_width = std::max(widest, std::sqrt(area * 1.6));
  double x = 0, y = 0, row_height = 0;
  for (size_t i = 0; i < components.size(); ++i) {
    const Bounds& b = bounds[i];
    if (x > 0 && x + b.width > row_width) {
      x = 0;
      y += row_height + kEdgeLength;
      row_height = 0;
    }
    for (Point& p : components[i]) p = {p.x - b.left + x, p.y - b.top + y};
    x += b.width + kEdgeLength;
    row_height = std::max(row_height, b.height);
  }
}

std::vector<Point> force_layout(const Topology& topology, uint64_t seed) {
  const size_t n = topology.nodes.size();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return topology.nodes[a].name < topology.nodes[b].name;
  });
  std::vector<uint32_t> rank(n);
  for (uint32_t r = 0; r < n; ++r) rank[order[r]] = r;

  std::set<std::pair<uint32_t, uint32_t>> edge_set;  // sorted and without duplicates
  for (const TopologyLink& l : topology.links) {
    const uint32_t a = rank[l.a.node], b = rank[l.b.node];
    if (a != b) edge_set.emplace(std::min(a, b), std::max(a, b));
  }
  Graph g(n);
  for (const auto& [a, b] : edge_set) boost::add_edge(a, b, g);

  // Component ids follow the lowest vertex in each, so their order is stable.
  std::vector<int> component_of(n);
  const auto count =
      n == 0 ? 0 : static_cast<size_t>(boost::connected_components(g, component_of.data()));
  std::vector<std::vector<uint32_t>> members(count);
  std::vector<uint32_t> local(n);
  for (uint32_t v = 0; v < n; ++v) {
    auto& m = members[static_cast<size_t>(component_of[v])];
    local[v] = static_cast<uint32_t>(m.size());
    m.push_back(v);
  }
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> component_edges(count);
  for (const auto& [a, b] : edge_set)
    component_edges[static_cast<size_t>(component_of[a])].emplace_back(local[a], local[b]);
  std::vector<std::vector<Point>> pictures;
  for (size_t c = 0; c < count; ++c) {
    pictures.push_back(
        along_widest_axis(layout_component(members[c].size(), component_edges[c], seed)));
    first_on_the_left(pictures.back());
    untangle(pictures.back(), component_edges[c]);
  }
  pack_components(pictures);

  std::vector<Point> out(n);
  for (size_t c = 0; c < count; ++c)
    for (size_t i = 0; i < members[c].size(); ++i) out[order[members[c][i]]] = pictures[c][i];
  return out;
}

// Least-squares fit of `to` = scale * `from` + offset over the pairs. The
// scale is nullopt when `from` does not vary (all nodes in one row or column).
struct AxisFit {
  std::optional<double> scale;
  double mean_from = 0, mean_to = 0;
  double map(double x, double fallback_scale) const {
    return mean_to + scale.value_or(fallback_scale) * (x - mean_from);
  }
};
AxisFit fit_axis(const std::vector<double>& from, const std::vector<double>& to) {
  const double n = static_cast<double>(from.size());
  AxisFit fit;
  fit.mean_from = std::accumulate(from.begin(), from.end(), 0.0) / n;
  fit.mean_to = std::accumulate(to.begin(), to.end(), 0.0) / n;
  double covariance = 0, variance = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    covariance += (from[i] - fit.mean_from) * (to[i] - fit.mean_to);
    variance += (from[i] - fit.mean_from) * (from[i] - fit.mean_from);
  }
  if (variance > 1e-12) fit.scale = covariance / variance;
  return fit;
}

}  // namespace
#pragma GCC diagnostic pop

std::vector<Point> compute_layout(const Topology& topology, uint64_t seed) {
  const size_t n = topology.nodes.size();
  std::vector<uint32_t> placed;
  for (uint32_t i = 0; i < n; ++i)
    if (topology.nodes[i].pos) placed.push_back(i);
  std::vector<Point> out(n);
  for (uint32_t i : placed) out[i] = {topology.nodes[i].pos->first, topology.nodes[i].pos->second};
  if (placed.size() == n) return out;

  const std::vector<Point> automatic = force_layout(topology, seed);
  if (placed.size() < 2) return automatic;  // one fixed point says nothing about scale
  // Map the force layout onto the author's frame through the nodes placed in both.
  std::vector<double> fx, fy, tx, ty;
  for (uint32_t i : placed) {
    fx.push_back(automatic[i].x);
    fy.push_back(automatic[i].y);
    tx.push_back(out[i].x);
    ty.push_back(out[i].y);
  }
  const AxisFit mx = fit_axis(fx, tx), my = fit_axis(fy, ty);
  if (!mx.scale && !my.scale) return automatic;
  // An axis the placed nodes do not spread along borrows the other's scale.
  const double sx = mx.scale.value_or(*my.scale), sy = my.scale.value_or(*mx.scale);
  for (uint32_t i = 0; i < n; ++i)
    if (!topology.nodes[i].pos) out[i] = {mx.map(automatic[i].x, sx), my.map(automatic[i].y, sy)};
  return out;
}

double link_gap(Point a, Point b, Point c) {
  const auto [on_link, on_axis] = closest_pair(a, b, c);
  return std::max(0.0, length(minus(on_axis, on_link)) - kNodeClearance);
}

std::vector<Point> fit_to_box(const std::vector<Point>& points, Box box) {
  if (points.empty()) return {};
  double min_x = points[0].x, max_x = min_x, min_y = points[0].y, max_y = min_y;
  for (const Point& p : points) {
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
  }
  const double width = max_x - min_x, height = max_y - min_y;
  double scale = 0;
  if (width > 0) scale = box.width / width;
  if (height > 0) scale = width > 0 ? std::min(scale, box.height / height) : box.height / height;
  const double cx = box.left + box.width / 2, cy = box.top + box.height / 2;
  const double mx = (min_x + max_x) / 2, my = (min_y + max_y) / 2;
  std::vector<Point> out;
  out.reserve(points.size());
  for (const Point& p : points) out.push_back({cx + (p.x - mx) * scale, cy + (p.y - my) * scale});
  return out;
}

}  // namespace netsim::viz
