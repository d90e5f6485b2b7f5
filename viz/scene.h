// The picture's geometry in window pixels: node centres fitted to the map
// area, where each link leaves a node, and where a frame or a drop is at time
// T. Rebuilt on resize; the layout itself is computed once.
#pragma once
#include <SFML/Graphics/Rect.hpp>
#include <SFML/System/Vector2.hpp>
#include <optional>
#include <vector>

#include "viz/layout.h"
#include "viz/recording.h"
#include "viz/topology.h"
#include "viz/topology_index.h"

namespace netsim::viz {

// How far along its link a frame is at t: 0 when its first bit leaves, 1 when
// its last bit arrives; clamped to [0, 1].
double flight_fraction(Time sent, Time arrival, Time t);

class Scene {
 public:
  // `layout`: compute_layout()'s points; `map_area`: the window part nodes go in.
  Scene(const Topology& topology, const Recording& recording, const std::vector<Point>& layout,
        sf::FloatRect map_area);

  const Topology& topology() const { return *topology_; }
  // Half an icon's width, the same for every node, from the spacing of the layout.
  float node_size() const { return node_size_; }
  float dot_radius() const { return dot_radius_; }
  sf::Vector2f node_centre(uint32_t node) const { return centres_[node]; }
  // Where link `link`'s side (0: a, 1: b) touches its node's icon.
  sf::Vector2f link_end(uint32_t link, int side) const;
  // The unit vector from that side's node towards the other side's.
  sf::Vector2f link_direction(uint32_t link, int side) const;
  // Where that side's port state is drawn: on the link just outside the
  // icon, and below the node's own labels (`labels_below`) when the link
  // leaves downwards.
  sf::Vector2f port_marker_point(uint32_t link, int side, float labels_below) const;
  // The centre of a port label block of `size` for that side: beside the
  // link (to the right looking along it), clear of the icon, of the line and
  // of the node's own labels, which reach `labels_below` under its centre.
  sf::Vector2f port_label_centre(uint32_t link, int side, sf::Vector2f size,
                                 float labels_below) const;

  // Topology node of a recorded node name, if drawn.
  std::optional<uint32_t> node_of(NameId name) const { return index_.node_of(name); }
  // The frame (a FrameSent event) at time t: on its link, offset to the right
  // of its direction of travel so both directions stay visible.
  std::optional<sf::Vector2f> frame_position(const RecordedEvent& sent, Time t) const;
  // Where a FrameDropped event is drawn: at its interface's link end, else the node.
  std::optional<sf::Vector2f> drop_position(const RecordedEvent& drop) const;
  // The node whose icon contains p.
  std::optional<uint32_t> node_at(sf::Vector2f p) const;

 private:
  const Topology* topology_;
  std::vector<sf::Vector2f> centres_;
  float node_size_ = 12;
  float dot_radius_ = 5;
  TopologyIndex index_;
};

}  // namespace netsim::viz
