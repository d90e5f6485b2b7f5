// Renderer: static layer cached in a texture, moving parts batched, text
// objects reused and re-laid only when their content changes.
#include "viz/renderer.h"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "viz/chart.h"
#include "viz/inspector.h"
#include "viz/shapes.h"

namespace netsim::viz {

namespace {
constexpr float kTopBar = 84, kBottomBar = 74, kLegendRow = 20, kSideMargin = 70;
constexpr size_t kTraceLines = 3, kMaxDropLabels = 12;
// Above this many frames on screen their VLAN tags show as rings only, without the number.
constexpr size_t kMaxTagLabels = 200;
// Above this many frames on screen the dots go without their words ("SYN", "ARP?").
constexpr size_t kMaxPacketLabels = 120;
const sf::Color kBackground(246, 247, 249), kBar(255, 255, 255, 235), kInk(30, 34, 40),
    kMutedInk(110, 116, 126), kLink(150, 156, 166), kDrop(215, 25, 32), kAccent(255, 170, 0);
// Port states as switch port lights show them: green forwarding, amber on the
// way there, grey off; a blocked port gets a red bar across its link.
const sf::Color kForwarding(0, 170, 80), kTransition(245, 170, 0), kDisabled(160, 164, 170);

sf::Color to_sf(Rgb c) { return {c.r, c.g, c.b}; }

sf::Text make_text(const sf::Font& font, unsigned size, sf::Color colour) {
  sf::Text t;
  t.setFont(font);
  t.setCharacterSize(size);
  t.setFillColor(colour);
  return t;
}

// Cuts a line to `columns` characters, marking the cut.
std::string clip(std::string s, size_t columns) {
  if (s.size() > columns && columns > 3) s = s.substr(0, columns - 3) + "...";
  return s;
}

float char_width(const sf::Font& mono, unsigned size) {
  return mono.getGlyph('M', size, false).advance;
}

sf::Color port_state_colour(StpState s) {
  switch (s) {
    case StpState::Forwarding:
      return kForwarding;
    case StpState::Listening:
    case StpState::Learning:
      return kTransition;
    case StpState::Blocking:
      return kDrop;
    case StpState::Disabled:
      return kDisabled;
  }
  return kDisabled;
}

// A port's spanning-tree state at `at`, the link leaving along `d`: a light,
// or for a blocked port a bar across the link (outlined, so it reads on any link colour).
void add_port_marker(sf::VertexArray& va, StpState state, sf::Vector2f at, sf::Vector2f d,
                     float size) {
  if (state == StpState::Blocking) {
    const sf::Vector2f n{-d.y, d.x};
    const float half = std::clamp(size * 0.75f, 6.0f, 11.0f);
    add_line(va, at - n * (half + 1.5f), at + n * (half + 1.5f), 7, sf::Color::White);
    add_line(va, at - n * half, at + n * half, 4.5f, kDrop);
    return;
  }
  const float r = std::clamp(size * 0.3f, 3.0f, 5.0f);
  add_circle(va, at, r + 1.3f, sf::Color(40, 44, 50), 10);
  add_circle(va, at, r, port_state_colour(state), 10);
}

const char* kHelp =
    "keys\n"
    "  space          pause / resume\n"
    "  right / left   step to the next / previous event\n"
    "  + / -          faster / slower (1-2-5 steps)\n"
    "  r              restart from time 0\n"
    "  c              chart: throughput, cwnd, rtt, queue, off\n"
    "  e              event list (the arrows then step through its events)\n"
    "  p / n / k      event list filter: next protocol / node / kind\n"
    "  h              show / hide this help\n"
    "  esc            close the panel (quit when none is open)\n"
    "  q              quit\n"
    "\n"
    "mouse\n"
    "  click a device   its tables (ARP, MAC per VLAN, ports, routes, ...) at this time\n"
    "  click a frame    its layers field by field and the --explain lines\n"
    "  event list       click a filter field to cycle it, a row to go to its event\n"
    "  timeline         click or drag to seek\n";
}  // namespace

Renderer::Renderer(const Recording& recording, const Topology& topology, const Fonts& fonts,
                   uint64_t layout_seed, sf::Vector2u size)
    : recording_(&recording),
      topology_(&topology),
      fonts_(&fonts),
      topology_state_(recording, topology),
      port_states_(recording, topology),
      port_load_(recording, topology),
      draw_vlans_(topology.uses_vlans()),
      layout_(compute_layout(topology, layout_seed)),
      clock_(make_text(fonts.mono, 18, kInk)),
      status_(make_text(fonts.mono, 13, kMutedInk)),
      trace_(make_text(fonts.mono, 12, kInk)),
      panel_(make_text(fonts.mono, 12, kInk)),
      help_(make_text(fonts.mono, 14, kInk)),
      hint_(make_text(fonts.sans, 12, kMutedInk)),
      events_(recording),
      events_text_(make_text(fonts.mono, 12, kInk)) {
  help_.setString(kHelp);
  hint_.setString("h: keys");
  for (size_t i = 0; i < kMaxDropLabels; ++i)
    drop_labels_.push_back({make_text(fonts.sans, 11, kDrop), {}});
  for (size_t i = 0; i < kMaxPacketLabels; ++i) {
    sf::Text text = make_text(fonts.sans, 11, kInk);
    text.setOutlineColor(sf::Color(255, 255, 255, 225));
    text.setOutlineThickness(2);
    packet_labels_.push_back({std::move(text)});
  }
  build_legend();
  resize(size);
}

// The legend says what this picture can show: every frame class and drops;
// VLAN tags and port labels when VLANs are configured; port states when a
// spanning tree runs; the node kinds present.
void Renderer::build_legend() {
  using Swatch = LegendItem::Swatch;
  for (FrameClass c : kFrameClasses)
    legend_.push_back({Swatch::Frame, c, {}, {}, {}, std::string(to_string(c))});
  if (draw_vlans_) legend_.push_back({Swatch::Tagged, {}, {}, {}, {}, "802.1Q tagged"});
  legend_.push_back({Swatch::Drop, {}, {}, {}, {}, "drop"});
  // Only when the run has collisions (half-duplex links, hubs).
  const auto& events = recording_->events();
  if (std::any_of(events.begin(), events.end(), [](const RecordedEvent& e) { return e.collided; }))
    legend_.push_back({Swatch::Collision, {}, {}, {}, {}, "collision"});
  if (draw_vlans_) {
    legend_.push_back({Swatch::Pill, {}, {}, {}, "vN", "access port"});
    legend_.push_back({Swatch::Pill, {}, {}, {}, "T", "trunk"});
    legend_.push_back({Swatch::Pill, {}, {}, {}, "nN", "native (untagged)"});
  }
  if (!port_states_.ends().empty())
    for (StpState s :
         {StpState::Forwarding, StpState::Learning, StpState::Blocking, StpState::Disabled})
      legend_.push_back(
          {Swatch::Port,
           {},
           s,
           {},
           {},
           s == StpState::Learning ? "listening / learning" : std::string(to_string(s))});
  // Only the node kinds this scenario uses.
  for (NodeKind k :
       {NodeKind::Host, NodeKind::Hub, NodeKind::Switch, NodeKind::L3Switch, NodeKind::Router}) {
    const bool used = std::any_of(topology_->nodes.begin(), topology_->nodes.end(),
                                  [k](const TopologyNode& n) { return n.kind == k; });
    if (used) legend_.push_back({Swatch::Node, {}, {}, k, {}, std::string(to_string(k))});
  }
  sf::Text text = make_text(fonts_->sans, 12, kInk);
  for (LegendItem& item : legend_) {
    text.setString(item.text);
    float swatch = 15;
    if (item.swatch == Swatch::Node) swatch = 24;
    if (item.swatch == Swatch::Pill)
      swatch = add_vlan_pills(nullptr, {{item.pill, kDefaultVlan}}, {}) + 5;
    item.width = swatch + text.getLocalBounds().width + 14;
  }
}

std::vector<sf::Vector2f> Renderer::flow_legend(float width, size_t& rows) const {
  std::vector<sf::Vector2f> at;
  float x = 0, y = 0;
  rows = 1;
  for (const LegendItem& item : legend_) {
    if (x > 0 && x + item.width > width) {
      x = 0;
      y += kLegendRow;
      ++rows;
    }
    at.push_back({x, y});
    x += item.width;
  }
  return at;
}

void Renderer::resize(sf::Vector2u size) {
  size_ = {std::max(size.x, 320u), std::max(size.y, 240u)};
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  size_t rows = 1;
  flow_legend(w - 110, rows);
  bottom_bar_ = kBottomBar + kLegendRow * static_cast<float>(rows - 1);
  // Below the lowest icons: its name and address lines (at most node size 24).
  size_t lines = 1;
  for (const TopologyNode& n : topology_->nodes) lines = std::max(lines, 1 + n.addresses.size());
  const float below = 24 + 16 * static_cast<float>(lines) + 8, above = 36;
  const sf::FloatRect map{kSideMargin, kTopBar + above, w - 2 * kSideMargin,
                          std::max(10.0f, h - kTopBar - bottom_bar_ - above - below)};
  scene_ = std::make_unique<Scene>(*topology_, *recording_, layout_, map);
  port_layer_epoch_.reset();
  // As add_labels() lays them out: the name, then (when roomy) the addresses.
  const float s = scene_->node_size();
  labels_below_.clear();
  for (const TopologyNode& n : topology_->nodes)
    labels_below_.push_back(node_icon_bottom(n.kind, s) + 3 +
                            16 * static_cast<float>(1 + (s >= 10 ? n.addresses.size() : 0)));
  build_static();
}

sf::FloatRect Renderer::timeline_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  return {12, h - 30, w - 24 - 150, 14};
}

// The space a panel may take: its width, its top and height (either side).
sf::FloatRect Renderer::panel_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  // 560 pixels: a hex row with its characters (75 columns) on one line.
  return {10, kTopBar + 6, std::min(560.0f, w * 0.45f), h - kTopBar - bottom_bar_ - 12};
}

// A panel of `size` goes on the side where it hides fewer devices, never the
// one it describes; on a tie, on the side away from that device (the right
// for a frame's panel).
float Renderer::panel_left(sf::Vector2f size, const ViewState& view) const {
  const float w = static_cast<float>(size_.x), top = panel_rect().top;
  const float lefts[2] = {10, w - size.x - 10};
  int hidden[2] = {0, 0};
  for (uint32_t i = 0; i < topology_->nodes.size(); ++i) {
    // The icon and the name and addresses under it (about 100 pixels wide).
    const float across = std::max(scene_->node_size() * 1.2f, 50.0f);
    const sf::Vector2f c = scene_->node_centre(i);
    const sf::FloatRect device(c.x - across, c.y - scene_->node_size(), 2 * across,
                               scene_->node_size() + labels_below_[i]);
    for (int side = 0; side < 2; ++side)
      if (sf::FloatRect(lefts[side], top, size.x, size.y).intersects(device))
        hidden[side] += view.node == i ? 1000 : 1;
  }
  const int away = view.node && scene_->node_centre(*view.node).x > w / 2 ? 0 : 1;
  return hidden[1 - away] < hidden[away] ? lefts[1 - away] : lefts[away];
}

bool Renderer::on_timeline(sf::Vector2f p) const {
  sf::FloatRect r = timeline_rect();
  r.top -= 8;
  r.height += 16;
  return r.contains(p);
}

Time Renderer::timeline_time(float x) const {
  const sf::FloatRect r = timeline_rect();
  const double f = std::clamp((x - r.left) / r.width, 0.0f, 1.0f);
  return Time{std::llround(f * static_cast<double>(recording_->end_time().count()))};
}

void Renderer::build_static() {
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  if (!static_layer_.create(size_.x, size_.y, settings))
    throw std::runtime_error("animate: cannot create an off-screen render texture (no OpenGL?)");
  static_layer_.clear(kBackground);
  const Scene& scene = *scene_;
  const float s = scene.node_size();

  sf::VertexArray shapes(sf::Triangles);
  add_links(shapes);
  for (uint32_t i = 0; i < topology_->nodes.size(); ++i)
    add_node_icon(shapes, topology_->nodes[i].kind, scene.node_centre(i), s);
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  add_rect(shapes, {0, 0, w, kTopBar}, kBar);
  add_rect(shapes, {0, kTopBar, w, 1}, sf::Color(220, 222, 226));
  add_rect(shapes, {0, h - bottom_bar_, w, bottom_bar_}, kBar);
  add_rect(shapes, {0, h - bottom_bar_, w, 1}, sf::Color(220, 222, 226));
  add_rect(shapes, timeline_rect(), sf::Color(228, 231, 236));
  add_timeline_density(shapes);
  static_layer_.draw(shapes);

  add_labels(static_layer_);
  sf::VertexArray legend(sf::Triangles);
  add_legend(static_layer_, legend);
  static_layer_.draw(legend);

  sf::Text title = make_text(fonts_->sans, 16, kInk);
  title.setStyle(sf::Text::Bold);
  // Clear of the clock on the right (about 300 px); DejaVu Sans 16 averages under 10 px a
  // character.
  const std::string name =
      clip(topology_->title, static_cast<size_t>(std::max(10.0f, (w - 300) / 10)));
  title.setString(sf::String::fromUtf8(name.begin(), name.end()));
  title.setPosition(12, 6);
  static_layer_.draw(title);
  sf::Text end = make_text(fonts_->mono, 12, kMutedInk);
  end.setString("end " + format_time(recording_->end_time()) + " s");
  const sf::FloatRect tl = timeline_rect();
  end.setPosition(tl.left + tl.width + 10, tl.top - 2);
  static_layer_.draw(end);
  hint_.setPosition(w - hint_.getLocalBounds().width - 12, h - bottom_bar_ + 12);
  static_layer_.draw(hint_);
  static_layer_.display();
}

// Links centre to centre. With VLANs, each half of a link takes its switch
// port's look (a host's half that of the switch port it plugs into): an
// access port's VLAN colour, or for a trunk one stripe per VLAN it carries.
void Renderer::add_links(sf::VertexArray& shapes) {
  const Scene& scene = *scene_;
  const float s = scene.node_size();
  const float plain = std::clamp(s * 0.16f, 1.5f, 3.0f);
  const float coloured = std::clamp(s * 0.26f, 2.0f, 4.5f);
  const float stripe = std::clamp(s * 0.18f, 2.0f, 3.5f);
  constexpr size_t kMaxStripes = 6;
  for (uint32_t l = 0; l < topology_->links.size(); ++l) {
    const TopologyLink& link = topology_->links[l];
    const sf::Vector2f a = scene.node_centre(link.a.node), b = scene.node_centre(link.b.node);
    const TopologyPort* ports[2] = {topology_->port_at(link.a), topology_->port_at(link.b)};
    if (!draw_vlans_ || (!ports[0] && !ports[1])) {
      add_line(shapes, a, b, plain, kLink);
      continue;
    }
    const sf::Vector2f middle = (a + b) / 2.0f, d = scene.link_direction(l, 0), n{-d.y, d.x};
    for (int side = 0; side < 2; ++side) {
      const TopologyPort* port = ports[side] ? ports[side] : ports[1 - side];
      const sf::Vector2f from = side == 0 ? a : b;
      if (!port->vlans.is_trunk()) {
        const bool neutral = port->vlans.access == kDefaultVlan;
        add_line(shapes, from, middle, neutral ? plain : coloured,
                 neutral ? kLink : to_sf(vlan_colour(port->vlans.access)));
        continue;
      }
      std::vector<uint16_t> vids = port->vlans.trunk;
      if (const auto native = port->vlans.native;
          native && std::find(vids.begin(), vids.end(), *native) == vids.end())
        vids.push_back(*native);
      std::sort(vids.begin(), vids.end());
      if (vids.size() > kMaxStripes) vids.resize(kMaxStripes);
      // A ribbon: the stripes side by side on a white band that keeps them apart.
      const float spread = stripe + 1;
      add_line(shapes, from, middle, spread * static_cast<float>(vids.size()) + 1,
               sf::Color::White);
      for (size_t i = 0; i < vids.size(); ++i) {
        const sf::Vector2f offset =
            n * ((static_cast<float>(i) - static_cast<float>(vids.size() - 1) / 2) * spread);
        add_line(shapes, from + offset, middle + offset, stripe, to_sf(vlan_colour(vids[i])));
      }
    }
  }
}

float Renderer::add_vlan_pills(sf::RenderTarget* target, const std::vector<VlanLabelPiece>& pieces,
                               sf::Vector2f at) {
  sf::Text text = make_text(fonts_->sans, 10, kInk);
  text.setStyle(sf::Text::Bold);
  sf::RectangleShape pill;
  float x = at.x;
  for (const VlanLabelPiece& piece : pieces) {
    text.setString(piece.text);
    const sf::FloatRect b = text.getLocalBounds();
    const float width = b.width + (piece.vid ? 6 : 2);
    if (target) {
      if (piece.vid) {
        pill.setPosition(std::round(x), std::round(at.y));
        pill.setSize({width, 12});
        pill.setFillColor(to_sf(vlan_colour(*piece.vid)));
        target->draw(pill);
      }
      text.setFillColor(piece.vid ? to_sf(ink_on(vlan_colour(*piece.vid))) : kInk);
      text.setPosition(std::round(x + (width - b.width) / 2 - b.left), std::round(at.y - 1));
      target->draw(text);
    }
    x += width + 2;
  }
  return x - at.x - 2;
}

// Node names (and addresses when there is room) under icons; at link ends
// the interface name and, on switch ports, the VLAN label. Dense maps drop
// the smaller labels first.
void Renderer::add_labels(sf::RenderTarget& target) {
  const Scene& scene = *scene_;
  const float s = scene.node_size();
  if (s < 6) return;
  const bool roomy = s >= 10;
  sf::RectangleShape backing;
  backing.setFillColor(sf::Color(246, 247, 249, 210));
  sf::Text label = make_text(fonts_->sans, roomy ? 12 : 10, kInk);
  sf::Text small = make_text(fonts_->sans, 10, kMutedInk);
  auto draw_centred = [&](sf::Text& text, sf::Vector2f at) {
    const sf::FloatRect b = text.getLocalBounds();
    text.setOrigin(b.left + b.width / 2, 0);
    text.setPosition(std::round(at.x), std::round(at.y));
    const sf::FloatRect g = text.getGlobalBounds();
    backing.setPosition(g.left - 2, g.top - 1);
    backing.setSize({g.width + 4, g.height + 3});
    target.draw(backing);
    target.draw(text);
  };
  if (roomy) {
    for (uint32_t l = 0; l < topology_->links.size(); ++l)
      for (int side = 0; side < 2; ++side) {
        const TopologyEnd& end = side == 0 ? topology_->links[l].a : topology_->links[l].b;
        const TopologyPort* port = draw_vlans_ ? topology_->port_at(end) : nullptr;
        small.setString(end.iface);
        const float name_width = small.getLocalBounds().width;
        std::vector<VlanLabelPiece> pieces;
        if (port) pieces = vlan_label(port->vlans);
        const float pills_width = port ? add_vlan_pills(nullptr, pieces, {}) : 0;
        const sf::Vector2f size{std::max(name_width, pills_width) + 4, port ? 27.0f : 13.0f};
        const sf::Vector2f c = scene.port_label_centre(l, side, size, labels_below_[end.node]);
        const sf::Vector2f top_left{c.x - size.x / 2, c.y - size.y / 2};
        backing.setPosition(std::round(top_left.x), std::round(top_left.y));
        backing.setSize(size);
        target.draw(backing);
        const sf::FloatRect b = small.getLocalBounds();
        small.setOrigin(b.left + b.width / 2, 0);
        small.setPosition(std::round(c.x), std::round(top_left.y));
        target.draw(small);
        if (port) add_vlan_pills(&target, pieces, {c.x - pills_width / 2, top_left.y + 14});
      }
  }
  for (uint32_t i = 0; i < topology_->nodes.size(); ++i) {
    const TopologyNode& n = topology_->nodes[i];
    const sf::Vector2f c = scene.node_centre(i);
    float y = c.y + node_icon_bottom(n.kind, s) + 3;
    label.setStyle(sf::Text::Bold);
    label.setString(n.name);
    draw_centred(label, {c.x, y});
    y += label.getCharacterSize() + 4.0f;
    if (!roomy) continue;
    label.setStyle(sf::Text::Regular);
    for (const std::string& a : n.addresses) {
      label.setString(a);
      draw_centred(label, {c.x, y});
      y += label.getCharacterSize() + 3.0f;
    }
  }
}

void Renderer::add_legend(sf::RenderTarget& target, sf::VertexArray& shapes) {
  using Swatch = LegendItem::Swatch;
  const auto w = static_cast<float>(size_.x);
  size_t rows = 1;
  const std::vector<sf::Vector2f> at = flow_legend(w - 110, rows);
  const sf::Vector2f origin{16, static_cast<float>(size_.y) - bottom_bar_ + 16};
  sf::Text text = make_text(fonts_->sans, 12, kInk);
  const sf::Color outline(40, 40, 40);
  for (size_t i = 0; i < legend_.size(); ++i) {
    const LegendItem& item = legend_[i];
    float x = origin.x + at[i].x;
    const float y = origin.y + at[i].y;
    switch (item.swatch) {
      case Swatch::Frame:
        add_circle(shapes, {x + 5, y}, 6, outline, 12);
        add_circle(shapes, {x + 5, y}, 5, to_sf(frame_class_colour(item.frame_class)), 12);
        x += 15;
        break;
      case Swatch::Tagged:
        add_circle(shapes, {x + 5, y}, 7.5f, to_sf(vlan_colour(10)), 14);
        add_circle(shapes, {x + 5, y}, 5, outline, 12);
        add_circle(shapes, {x + 5, y}, 4, sf::Color(235, 237, 240), 12);
        x += 15;
        break;
      case Swatch::Drop:
        add_cross(shapes, {x + 5, y}, 5, 2.5f, kDrop);
        x += 15;
        break;
      case Swatch::Collision:
        add_circle(shapes, {x + 5, y}, 5, to_sf(frame_class_colour(FrameClass::Other)), 12);
        add_ring(shapes, {x + 5, y}, 7, 2, kDrop);
        x += 15;
        break;
      case Swatch::Port:
        add_port_marker(shapes, item.state, {x + 5, y}, {1, 0}, 10);
        x += 15;
        break;
      case Swatch::Pill:
        x += add_vlan_pills(&target, {{item.pill, kDefaultVlan}}, {x, y - 6}) + 5;
        break;
      case Swatch::Node:
        add_node_icon(shapes, item.kind, {x + 10, y}, 8);
        x += 24;
        break;
    }
    text.setString(item.text);
    text.setPosition(x, y - 8);
    target.draw(text);
  }
}

// Faint ticks over the timeline where events happen, so bursts can be found.
void Renderer::add_timeline_density(sf::VertexArray& shapes) {
  const sf::FloatRect r = timeline_rect();
  const auto columns = static_cast<size_t>(std::max(1.0f, r.width));
  std::vector<uint32_t> counts(columns, 0);
  const double end = static_cast<double>(std::max<int64_t>(1, recording_->end_time().count()));
  for (const RecordedEvent& e : recording_->events()) {
    if (e.kind != TraceKind::FrameSent && e.kind != TraceKind::FrameDropped) continue;
    const auto column = static_cast<size_t>(static_cast<double>(e.time.count()) / end *
                                            static_cast<double>(columns - 1));
    ++counts[std::min(column, columns - 1)];
  }
  const uint32_t peak = *std::max_element(counts.begin(), counts.end());
  if (peak == 0) return;
  for (size_t i = 0; i < columns; ++i) {
    if (counts[i] == 0) continue;
    const float f =
        std::log1p(static_cast<float>(counts[i])) / std::log1p(static_cast<float>(peak));
    const float height = r.height * (0.3f + 0.7f * f);
    add_rect(shapes, {r.left + static_cast<float>(i), r.top + r.height - height, 1, height},
             sf::Color(160, 170, 190));
  }
}

void Renderer::draw(sf::RenderTarget& target, const Playback& playback, const ViewState& view) {
  // Load is averaged over the simulated time the last half second of playback covered.
  load_window_ = Time{std::max<int64_t>(1, static_cast<int64_t>(playback.speed() * 0.5e9))};
  target.draw(sf::Sprite(background(playback.now())));
  draw_frames(target, playback.now(), view);
  draw_drops(target, playback);
  draw_hud(target, playback);
  draw_chart_panel(target, playback.now(), view);
  draw_event_list(target, playback.now(), view);
  draw_panel(target, playback.now(), view);
  if (view.help) draw_help(target);
}

// Links that are down: red dashes over the line. Nodes that are down: veiled.
void Renderer::add_failures(Time now) {
  if (!topology_state_.any_changes()) return;
  const Scene& scene = *scene_;
  const float s = scene.node_size();
  for (uint32_t l = 0; l < topology_->links.size(); ++l) {
    if (topology_state_.link_up(l, now)) continue;
    const sf::Vector2f a = scene.link_end(l, 0), b = scene.link_end(l, 1);
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    const int dashes = std::max(1, static_cast<int>(length / 12));
    for (int i = 0; i < dashes; i += 2)
      add_line(moving_, a + (b - a) * (static_cast<float>(i) / dashes),
               a + (b - a) * (static_cast<float>(i + 1) / dashes),
               std::clamp(s * 0.25f, 2.5f, 4.0f), kDrop);
  }
  for (uint32_t n = 0; n < topology_->nodes.size(); ++n) {
    if (topology_state_.node_up(n, now)) continue;
    const sf::Vector2f c = scene.node_centre(n);
    add_rect(moving_, {c.x - s * 1.3f, c.y - s * 1.1f, s * 2.6f, s * 2.2f},
             sf::Color(246, 247, 249, 190));
    add_ring(moving_, c, s * 1.4f, 2.5f, kDrop);
  }
}

const sf::Texture& Renderer::background(Time now) {
  if (port_states_.ends().empty()) return static_layer_.getTexture();
  const size_t epoch = port_states_.epoch(now);
  if (epoch == port_layer_epoch_) return port_layer_.getTexture();
  port_layer_epoch_ = epoch;
  if (port_layer_.getSize() != size_) {
    sf::ContextSettings settings;
    settings.antialiasingLevel = 4;
    if (!port_layer_.create(size_.x, size_.y, settings))
      throw std::runtime_error("animate: cannot create an off-screen render texture (no OpenGL?)");
  }
  port_layer_.draw(sf::Sprite(static_layer_.getTexture()));
  const Scene& scene = *scene_;
  sf::VertexArray marks(sf::Triangles);
  for (uint32_t end : port_states_.ends()) {
    const uint32_t link = end / 2;
    const int side = static_cast<int>(end % 2);
    const auto stp = port_states_.at(link, side, now);
    if (!stp) continue;
    const TopologyLink& l = topology_->links[link];
    const uint32_t node = side == 0 ? l.a.node : l.b.node;
    // RSTP calls a disabled port's state discarding: it is off, not blocking.
    const StpState state = stp->role == StpRole::Disabled ? StpState::Disabled : stp->state;
    add_port_marker(marks, state, scene.port_marker_point(link, side, labels_below_[node]),
                    scene.link_direction(link, side), scene.node_size());
  }
  port_layer_.draw(marks);
  port_layer_.display();
  return port_layer_.getTexture();
}

// A tagged frame: a ring of its VLAN's colour and, while few frames are on
// screen, a flag with the VLAN number.
void Renderer::add_tag(const Dot& dot, uint16_t vid) {
  const float r = scene_->dot_radius();
  const sf::Color colour = to_sf(vlan_colour(vid));
  add_circle(moving_, dot.at, r + 4, colour, 10);  // a ring once the dot is drawn over it
  if (dots_.size() > kMaxTagLabels) return;
  auto it = tag_texts_.find(vid);
  if (it == tag_texts_.end()) {
    sf::Text text = make_text(fonts_->sans, 9, to_sf(ink_on(vlan_colour(vid))));
    text.setStyle(sf::Text::Bold);
    text.setString(std::to_string(vid));
    it = tag_texts_.emplace(vid, std::move(text)).first;
  }
  const sf::FloatRect b = it->second.getLocalBounds();
  // Its lower left corner on the ring, up and to the right of the dot.
  const float reach = (r + 3) * 0.7f;
  const sf::Vector2f corner{std::round(dot.at.x + reach - 1), std::round(dot.at.y - reach - 10)};
  add_rect(tags_, {corner.x, corner.y, b.width + 5, 11}, colour);
  tag_labels_.push_back({{corner.x + 2.5f - b.left, corner.y - 1}, &it->second});
}

void Renderer::add_load(Time now) {
  const Scene& scene = *scene_;
  const float width = std::clamp(scene.node_size() * 0.3f, 2.5f, 5.0f);
  // Each link half in the colour of its sender's load over the last stretch of
  // playback: pale amber when it sends now and then, deep red when it never stops.
  for (uint32_t end : port_load_.sending_ends()) {
    const auto u = static_cast<float>(port_load_.utilisation(end, now, load_window_));
    if (u < 0.01f) continue;
    const uint32_t link = end / 2;
    const int side = static_cast<int>(end % 2);
    const sf::Vector2f from = scene.link_end(link, side), to = scene.link_end(link, 1 - side);
    const auto mix = [u](float idle, float busy) { return static_cast<sf::Uint8>(idle + (busy - idle) * u); };
    add_line(moving_, from, (from + to) / 2.0f, width,
             sf::Color(mix(240, 200), mix(170, 30), mix(40, 20), mix(90, 230)));
  }
  for (uint32_t end : port_load_.queued_ends()) {
    const int64_t q = port_load_.queue_at(end, now);
    if (q <= 0) continue;
    const uint32_t link = end / 2;
    const int side = static_cast<int>(end % 2);
    const sf::Vector2f at = scene.link_end(link, side), d = scene.link_direction(link, side);
    // A short bar across the link beside the port, filled in proportion.
    const sf::Vector2f n{-d.y, d.x}, base = at + d * 10.0f + n * 8.0f;
    const float length = 18, fill = length * static_cast<float>(q) /
                                        static_cast<float>(port_load_.queue_peak(end));
    add_line(moving_, base, base + d * length, 6, sf::Color(40, 44, 50));
    add_line(moving_, base, base + d * fill, 4, kDrop);
  }
}

void Renderer::draw_frames(sf::RenderTarget& target, Time now, const ViewState& view) {
  moving_.clear();
  tags_.clear();
  tag_labels_.clear();
  dots_.clear();
  add_failures(now);
  const Scene& scene = *scene_;
  if (view.node)
    add_ring(moving_, scene.node_centre(*view.node), scene.node_size() * 1.7f, 3, kAccent);
  recording_->frames_in_flight(now, in_flight_);
  const float r = scene.dot_radius();
  for (uint32_t index : in_flight_) {
    const RecordedEvent& e = recording_->event(index);
    const auto at = scene.frame_position(e, now);
    if (!at) continue;
    dots_.push_back({*at, index});
  }
  add_load(now);
  for (const Dot& d : dots_) {
    const RecordedEvent& e = recording_->event(d.event);
    if (e.vlan) add_tag(d, *e.vlan);
    add_circle(moving_, d.at, r + 1.2f, sf::Color(30, 30, 30), 10);
    add_circle(moving_, d.at, r, to_sf(frame_class_colour(e.frame_class)), 10);
    if (e.collided) add_ring(moving_, d.at, r + 3, 2.5f, kDrop);
  }
  if (view.frame)
    for (const Dot& d : dots_)
      if (d.event == *view.frame) add_ring(moving_, d.at, r + 5, 2.5f, kInk);
  target.draw(moving_);
  target.draw(tags_);
  for (auto& [at, text] : tag_labels_) {
    text->setPosition(at);
    target.draw(*text);
  }
  if (dots_.size() > kMaxPacketLabels) return;
  // Each dot's words below and to the right of it (a tag's flag is above).
  for (size_t i = 0; i < dots_.size(); ++i) {
    const RecordedEvent& e = recording_->event(dots_[i].event);
    if (e.label.size == 0) continue;
    PacketLabel& label = packet_labels_[i];
    if (label.shows != e.label.offset) {
      label.shows = e.label.offset;
      const std::string_view words = recording_->text(e.label);
      label.text.setString(std::string(words));
    }
    label.text.setPosition(std::round(dots_[i].at.x + r + 2), std::round(dots_[i].at.y + r - 2));
    target.draw(label.text);
  }
}

void Renderer::draw_drops(sf::RenderTarget& target, const Playback& playback) {
  const Time now = playback.now(), fade = playback.fade_span();
  const auto drops = recording_->drops_between(now - fade, now);
  crosses_.clear();
  const float size = std::max(scene_->node_size() * 0.6f, 6.0f);
  // The newest drops get the labels.
  size_t labelled = 0;
  for (size_t k = drops.size(); k-- > 0;) {
    const RecordedEvent& e = recording_->event(drops[k]);
    const auto at = scene_->drop_position(e);
    if (!at) continue;
    const double age = fade.count() > 0 ? static_cast<double>((now - e.time).count()) /
                                              static_cast<double>(fade.count())
                                        : 0;
    const auto alpha = static_cast<sf::Uint8>(std::clamp(255.0 * (1.0 - age), 40.0, 255.0));
    sf::Color colour = kDrop;
    colour.a = alpha;
    add_cross(crosses_, *at, size, 3.5f, colour);
    if (labelled < drop_labels_.size()) {
      DropLabel& label = drop_labels_[labelled++];
      sf::Text& t = label.text;
      if (label.reason != e.reason) {
        label.reason = e.reason;
        t.setString(std::string(to_string(e.reason)));
      }
      t.setFillColor(colour);
      t.setPosition(std::round(at->x + size + 3), std::round(at->y - size - 4));
      target.draw(t);
    }
  }
  target.draw(crosses_);
}

void Renderer::draw_hud(sf::RenderTarget& target, const Playback& playback) {
  const auto w = static_cast<float>(size_.x);
  clock_.setString("t = " + format_time(playback.now()) + " s");
  clock_.setPosition(std::round(w - clock_.getLocalBounds().width - 14), 4);
  target.draw(clock_);
  std::string status = playback.at_end()   ? "end (r: restart)"
                       : playback.paused() ? "paused"
                                           : "playing";
  status += "   speed " + speed_text(playback.speed());
  status_.setString(status);
  status_.setPosition(std::round(w - status_.getLocalBounds().width - 14), 28);
  target.draw(status_);

  const auto lines = recording_->trace_events_until(playback.now(), kTraceLines);
  const std::pair<const uint32_t*, size_t> key{lines.data(), lines.size()};
  if (key != trace_key_) {
    trace_key_ = key;
    const auto columns = static_cast<size_t>((w - 24 - status_.getLocalBounds().width - 30) /
                                             char_width(fonts_->mono, 12));
    std::string text;
    for (uint32_t i : lines) text += clip(recording_->trace_line(i), columns) + "\n";
    trace_.setString(sf::String::fromUtf8(text.begin(), text.end()));
  }
  trace_.setPosition(12, 30);
  target.draw(trace_);

  const sf::FloatRect r = timeline_rect();
  const double end = static_cast<double>(std::max<int64_t>(1, recording_->end_time().count()));
  const float x =
      r.left + r.width * static_cast<float>(static_cast<double>(playback.now().count()) / end);
  cursor_.clear();
  add_rect(cursor_, {r.left, r.top + r.height - 3, x - r.left, 3}, sf::Color(0, 114, 178));
  add_rect(cursor_, {x - 1.5f, r.top - 5, 3, r.height + 10}, kInk);
  target.draw(cursor_);
}

void Renderer::draw_panel(sf::RenderTarget& target, Time now, const ViewState& view) {
  if (!view.node && !view.frame) {
    tables_.reset();
    mac_view_.reset();
    panel_key_.reset();
    return;
  }
  const sf::FloatRect r = panel_rect();
  PanelKey key;
  if (view.node) {
    const TopologyNode& n = topology_->nodes[*view.node];
    const NameId name = recording_->find_name(n.name);
    if (!tables_ || tables_->node() != name) tables_.emplace(*recording_, name);
    tables_->at(now);
    size_t mac_epoch = 0;
    int64_t second = 0;
    if (n.kind == NodeKind::Switch || n.kind == NodeKind::L3Switch) {
      if (!mac_view_ || mac_view_node_ != *view.node) {
        mac_view_.emplace(*recording_, *topology_, *view.node, port_states_);
        mac_view_node_ = *view.node;
      }
      mac_epoch = mac_view_->epoch(now);
      second = now.count() / seconds(1).count();  // the countdowns tick in whole seconds
    }
    key = {'n', *view.node, tables_->applied(), mac_epoch, second, size_.x, size_.y};
  } else {
    key = {'f', *view.frame, 0, 0, 0, size_.x, size_.y};
  }
  if (key != panel_key_) {
    panel_key_ = key;
    const std::vector<std::string> lines = side_panel_lines(now, view);
    const auto columns = static_cast<size_t>((r.width - 20) / char_width(fonts_->mono, 12));
    const auto rows = static_cast<size_t>((r.height - 16) / fonts_->mono.getLineSpacing(12));
    std::string text;
    size_t used = 0;
    for (const std::string& line : lines)
      for (const std::string& piece : wrap_line(line, columns)) {
        if (used++ < rows) text += piece + "\n";
      }
    if (used > rows) text += "...";
    panel_.setString(sf::String::fromUtf8(text.begin(), text.end()));
    // As wide and tall as its text, up to the space there is.
    const sf::FloatRect b = panel_.getLocalBounds();
    panel_size_ = {std::min(r.width, b.left + b.width + 22),
                   std::min(r.height, b.top + b.height + 20)};
    panel_left_ = panel_left(panel_size_, view);
  }
  const float left = panel_left_;
  sf::RectangleShape box(panel_size_);
  box.setPosition(left, r.top);
  box.setFillColor(sf::Color(255, 255, 255, 242));
  box.setOutlineColor(sf::Color(190, 195, 205));
  box.setOutlineThickness(1);
  target.draw(box);
  panel_.setPosition(left + 10, r.top + 8);
  target.draw(panel_);
}

const EventList& Renderer::events(const EventFilter& filter) {
  if (!(events_.filter() == filter)) {
    events_.set_filter(filter);
    events_key_.reset();
  }
  return events_;
}

sf::FloatRect Renderer::event_list_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  const float width = std::min(720.0f, w * 0.52f), height = std::min(300.0f, h * 0.38f);
  return {10, h - bottom_bar_ - height - 6, width, height};
}

size_t Renderer::event_rows() const {
  const float line = fonts_->mono.getLineSpacing(12);
  return static_cast<size_t>(std::max(1.0f, (event_list_rect().height - 16) / line - 1));
}

void Renderer::draw_event_list(sf::RenderTarget& target, Time now, const ViewState& view) {
  if (!view.events) return;
  const sf::FloatRect r = event_list_rect();
  const EventList& list = events(view.filter);
  const size_t rows = event_rows();
  const auto key = std::tuple{list.window(now, rows), list.size(), size_.x, size_.y};
  if (key != events_key_) {  // rebuilt only when the rows shown change
    events_key_ = key;
    const auto columns = static_cast<size_t>((r.width - 20) / char_width(fonts_->mono, 12));
    std::string text = event_list_header(view.filter, list.size()).text + "\n";
    for (const std::string& line : list.lines(now, rows, columns)) text += line + "\n";
    events_text_.setString(sf::String::fromUtf8(text.begin(), text.end()));
  }
  sf::RectangleShape box({r.width, r.height});
  box.setPosition(r.left, r.top);
  box.setFillColor(sf::Color(255, 255, 255, 242));
  box.setOutlineColor(sf::Color(190, 195, 205));
  box.setOutlineThickness(1);
  target.draw(box);
  events_text_.setPosition(r.left + 10, r.top + 8);
  target.draw(events_text_);
}

std::optional<Renderer::EventListHit> Renderer::event_list_at(sf::Vector2f p, Time now,
                                                              const ViewState& view) {
  const sf::FloatRect r = event_list_rect();
  if (!view.events || !r.contains(p)) return std::nullopt;
  // The list's text is monospaced: a line and a column from the pixel.
  const float line_height = fonts_->mono.getLineSpacing(12);
  const float y = p.y - (r.top + 8), x = p.x - (r.left + 10);
  EventListHit hit;
  if (y < 0 || x < 0) return hit;
  const auto line = static_cast<size_t>(y / line_height);
  if (line == 0) {
    const EventList& list = events(view.filter);
    const auto column = static_cast<size_t>(x / char_width(fonts_->mono, 12));
    hit.field = event_list_header(view.filter, list.size()).field_at(column);
  } else {
    hit.event = events(view.filter).event_on_row(now, event_rows(), line - 1);
  }
  return hit;
}

std::vector<std::string> Renderer::panel_lines(Time now, const ViewState& view) {
  if (view.events) {  // the event list first, then whichever panel is open
    std::vector<std::string> lines{"events: " + to_string(view.filter)};
    for (std::string& l : events(view.filter).lines(now, event_rows(), 400)) lines.push_back(std::move(l));
    for (std::string& l : side_panel_lines(now, view)) lines.push_back(std::move(l));
    return lines;
  }
  return side_panel_lines(now, view);
}

std::vector<std::string> Renderer::side_panel_lines(Time now, const ViewState& view) {
  if (view.node) {
    const TopologyNode& n = topology_->nodes[*view.node];
    const NameId name = recording_->find_name(n.name);
    if (!tables_ || tables_->node() != name) tables_.emplace(*recording_, name);
    if (n.kind != NodeKind::Switch && n.kind != NodeKind::L3Switch)
      return node_panel_lines(*topology_, *view.node, tables_->at(now));
    if (!mac_view_ || mac_view_node_ != *view.node) {
      mac_view_.emplace(*recording_, *topology_, *view.node, port_states_);
      mac_view_node_ = *view.node;
    }
    BridgePanel panel{now, {}, mac_view_->at(now), n.mac_aging};
    for (const TopologyPort& p : n.ports) panel.port_stp.push_back(port_states_.at(name, p.name, now));
    return node_panel_lines(*topology_, *view.node, tables_->at(now), &panel);
  }
  if (view.frame) return frame_panel_lines(*recording_, *view.frame);
  return {};
}

sf::FloatRect Renderer::chart_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  const float width = std::min(560.0f, w * 0.45f), height = std::min(280.0f, h * 0.38f);
  return {w - width - 10, h - bottom_bar_ - height - 6, width, height};
}

void Renderer::draw_chart_panel(sf::RenderTarget& target, Time now, const ViewState& view) {
  if (!view.chart) return;
  const sf::FloatRect r = chart_rect();
  const sf::Vector2u size{static_cast<unsigned>(r.width), static_cast<unsigned>(r.height)};
  if (chart_key_ != std::pair{*view.chart, size}) {
    if (!chart_key_ || chart_key_->first != *view.chart) chart_ = make_chart(*recording_, *view.chart);
    chart_key_ = {*view.chart, size};
    sf::ContextSettings settings;
    settings.antialiasingLevel = 4;
    if (!chart_layer_.create(size.x, size.y, settings))
      throw std::runtime_error("animate: cannot create an off-screen render texture (no OpenGL?)");
    chart_layer_.clear(sf::Color::White);
    draw_chart(chart_layer_, *fonts_, chart_, {0, 0, r.width, r.height});
    chart_layer_.display();
  }
  sf::Sprite sprite(chart_layer_.getTexture());
  sprite.setPosition(r.left, r.top);
  sf::RectangleShape frame({r.width, r.height});
  frame.setPosition(r.left, r.top);
  frame.setFillColor(sf::Color::Transparent);
  frame.setOutlineColor(sf::Color(190, 195, 205));
  frame.setOutlineThickness(1);
  target.draw(sprite);
  target.draw(frame);
  const sf::FloatRect plot = chart_plot_area({r.left, r.top, r.width, r.height});
  const float x = chart_x(chart_, {r.left, r.top, r.width, r.height}, to_seconds(now));
  sf::RectangleShape cursor({2, plot.height});
  cursor.setPosition(std::round(x) - 1, plot.top);
  cursor.setFillColor(kAccent);
  target.draw(cursor);
}

void Renderer::draw_help(sf::RenderTarget& target) {
  const sf::FloatRect b = help_.getLocalBounds();
  const sf::Vector2f at{std::round((static_cast<float>(size_.x) - b.width) / 2),
                        std::round((static_cast<float>(size_.y) - b.height) / 2)};
  sf::RectangleShape box({b.width + 40, b.height + 36});
  box.setPosition(at.x - 20, at.y - 16);
  box.setFillColor(sf::Color(255, 255, 255, 245));
  box.setOutlineColor(kInk);
  box.setOutlineThickness(1.5f);
  target.draw(box);
  help_.setPosition(at);
  target.draw(help_);
}

std::optional<uint32_t> Renderer::frame_at(sf::Vector2f p) const {
  std::optional<uint32_t> best;
  float best_distance = scene_->dot_radius() + 5;
  for (const Dot& d : dots_) {
    const float distance = std::hypot(d.at.x - p.x, d.at.y - p.y);
    if (distance <= best_distance) {
      best_distance = distance;
      best = d.event;
    }
  }
  return best;
}

}  // namespace netsim::viz
