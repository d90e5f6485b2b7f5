// Scene geometry. The node size follows the closest pair of nodes so icons
// never overlap, whatever the node count.
#include "viz/scene.h"

#include <algorithm>
#include <cmath>

#include "viz/vector2.h"

namespace netsim::viz {

namespace {
float distance(sf::Vector2f a, sf::Vector2f b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

double flight_fraction(Time sent, Time arrival, Time t) {
  if (arrival <= sent) return t >= arrival ? 1.0 : 0.0;
  const double f =
      static_cast<double>((t - sent).count()) / static_cast<double>((arrival - sent).count());
  return std::clamp(f, 0.0, 1.0);
}

Scene::Scene(const Topology& topology, const Recording& recording, const std::vector<Point>& layout,
             sf::FloatRect map_area)
    : topology_(&topology), index_(topology, recording) {
  const size_t n = topology.nodes.size();
  // Fit once to learn the spacing, then size icons from it.
  const auto fitted =
      fit_to_box(layout, {map_area.left, map_area.top, map_area.width, map_area.height});
  for (const Point& p : fitted)
    centres_.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
  float closest = std::max(map_area.width, map_area.height) / 4;
  // O(n^2) once per resize: 1000 nodes is half a million distance checks.
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      closest = std::min(closest, distance(centres_[i], centres_[j]));
  node_size_ = std::clamp(closest * 0.3f, 4.0f, 24.0f);
  dot_radius_ = std::clamp(node_size_ * 0.42f, 3.0f, 8.0f);
}

sf::Vector2f Scene::link_end(uint32_t link, int side) const {
  const TopologyLink& l = topology_->links[link];
  const sf::Vector2f self = centres_[(side == 0 ? l.a : l.b).node];
  const sf::Vector2f other = centres_[(side == 0 ? l.b : l.a).node];
  if (self == other) return self;
  return self + unit(other - self) * std::min(node_size_ * 1.1f, distance(self, other) / 2);
}

sf::Vector2f Scene::link_direction(uint32_t link, int side) const {
  const TopologyLink& l = topology_->links[link];
  return unit(centres_[(side == 0 ? l.b : l.a).node] - centres_[(side == 0 ? l.a : l.b).node]);
}

sf::Vector2f Scene::port_marker_point(uint32_t link, int side, float labels_below) const {
  const TopologyLink& l = topology_->links[link];
  const sf::Vector2f self = centres_[(side == 0 ? l.a : l.b).node];
  const sf::Vector2f other = centres_[(side == 0 ? l.b : l.a).node];
  const sf::Vector2f d = unit(other - self);
  // Outside the ring that marks a selected node (1.7 node sizes).
  float along = node_size_ * 1.7f + 8;
  if (d.y > 0.5f) along = std::max(along, (labels_below + 8) / d.y);
  return self + d * std::min(along, distance(self, other) * 0.45f);
}

sf::Vector2f Scene::port_label_centre(uint32_t link, int side, sf::Vector2f size,
                                      float labels_below) const {
  const TopologyLink& l = topology_->links[link];
  const sf::Vector2f self = centres_[(side == 0 ? l.a : l.b).node];
  const sf::Vector2f other = centres_[(side == 0 ? l.b : l.a).node];
  const sf::Vector2f d = unit(other - self), n{-d.y, d.x};
  // Far enough along that the block clears the icon, whichever way the link
  // leaves it, and below the name and addresses when it leaves downwards.
  const float reach = std::abs(d.x) * size.x / 2 + std::abs(d.y) * size.y / 2;
  float along = node_size_ * 1.4f + reach + 4;
  if (d.y > 0.5f) along = std::max(along, (labels_below + size.y / 2 + 2) / d.y);
  along = std::min(along, distance(self, other) * 0.4f);
  // Out to the side by the block's half extent across the line, plus a gap
  // that clears a trunk's ribbon.
  const float aside = std::abs(n.x) * size.x / 2 + std::abs(n.y) * size.y / 2 + 8;
  return self + d * along + n * aside;
}

std::optional<sf::Vector2f> Scene::frame_position(const RecordedEvent& sent, Time t) const {
  sf::Vector2f from, to;
  const auto here = index_.end_of(sent.node, sent.iface),
             there = index_.end_of(sent.peer_node, sent.peer_iface);
  if (here && there) {
    from = link_end(here->link, here->side);
    to = link_end(there->link, there->side);
  } else {  // a link the topology does not list: centre to centre
    const auto a = node_of(sent.node), b = node_of(sent.peer_node);
    if (!a || !b) return std::nullopt;
    from = centres_[*a];
    to = centres_[*b];
  }
  const auto f = static_cast<float>(flight_fraction(sent.time, sent.arrival, t));
  const sf::Vector2f d = unit(to - from);
  return from + (to - from) * f + sf::Vector2f{-d.y, d.x} * (dot_radius_ * 0.8f);
}

std::optional<sf::Vector2f> Scene::drop_position(const RecordedEvent& drop) const {
  if (auto end = index_.end_of(drop.node, drop.iface)) return link_end(end->link, end->side);
  if (auto node = node_of(drop.node)) return centres_[*node] + sf::Vector2f{0, -node_size_ * 1.4f};
  return std::nullopt;
}

std::optional<uint32_t> Scene::node_at(sf::Vector2f p) const {
  std::optional<uint32_t> best;
  float best_distance = node_size_ * 1.3f;
  for (uint32_t i = 0; i < centres_.size(); ++i) {
    const float d = distance(p, centres_[i]);
    if (d <= best_distance) {
      best_distance = d;
      best = i;
    }
  }
  return best;
}

}  // namespace netsim::viz
