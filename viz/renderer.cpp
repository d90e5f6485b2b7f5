// Renderer: static layer cached in a texture, moving parts batched, text
// objects reused and re-laid only when their content changes.
#include "viz/renderer.h"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "viz/inspector.h"
#include "viz/shapes.h"

namespace netsim::viz {

namespace {
constexpr float kTopBar = 84, kBottomBar = 74, kSideMargin = 70;
constexpr size_t kTraceLines = 3, kMaxDropLabels = 12;
const sf::Color kBackground(246, 247, 249), kBar(255, 255, 255, 235), kInk(30, 34, 40),
    kMutedInk(110, 116, 126), kLink(150, 156, 166), kDrop(215, 25, 32), kAccent(255, 170, 0);

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

const char* kHelp =
    "keys\n"
    "  space          pause / resume\n"
    "  right / left   step to the next / previous event\n"
    "  + / -          faster / slower (1-2-5 steps)\n"
    "  r              restart from time 0\n"
    "  h              show / hide this help\n"
    "  esc            close the panel (quit when none is open)\n"
    "  q              quit\n"
    "\n"
    "mouse\n"
    "  click a device   its tables (ARP, MAC, routes, ...) at this time\n"
    "  click a frame    its layers field by field and the --explain lines\n"
    "  timeline         click or drag to seek\n";
}  // namespace

Renderer::Renderer(const Recording& recording, const Topology& topology, const Fonts& fonts,
                   uint64_t layout_seed, sf::Vector2u size)
    : recording_(&recording),
      topology_(&topology),
      fonts_(&fonts),
      topology_state_(recording, topology),
      layout_(compute_layout(topology, layout_seed)),
      clock_(make_text(fonts.mono, 18, kInk)),
      status_(make_text(fonts.mono, 13, kMutedInk)),
      trace_(make_text(fonts.mono, 12, kInk)),
      panel_(make_text(fonts.mono, 12, kInk)),
      help_(make_text(fonts.mono, 14, kInk)),
      hint_(make_text(fonts.sans, 12, kMutedInk)) {
  help_.setString(kHelp);
  hint_.setString("h: keys");
  for (size_t i = 0; i < kMaxDropLabels; ++i)
    drop_labels_.push_back({make_text(fonts.sans, 11, kDrop), {}});
  resize(size);
}

void Renderer::resize(sf::Vector2u size) {
  size_ = {std::max(size.x, 320u), std::max(size.y, 240u)};
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  // Below the lowest icons: its name and address lines (at most node size 24).
  size_t lines = 1;
  for (const TopologyNode& n : topology_->nodes) lines = std::max(lines, 1 + n.addresses.size());
  const float below = 24 + 16 * static_cast<float>(lines) + 8, above = 36;
  const sf::FloatRect map{kSideMargin, kTopBar + above, w - 2 * kSideMargin,
                          std::max(10.0f, h - kTopBar - kBottomBar - above - below)};
  scene_ = std::make_unique<Scene>(*topology_, *recording_, layout_, map);
  build_static();
}

sf::FloatRect Renderer::timeline_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  return {12, h - 30, w - 24 - 150, 14};
}

sf::FloatRect Renderer::panel_rect() const {
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  const float width = std::min(480.0f, w * 0.45f);
  return {w - width - 10, kTopBar + 6, width, h - kTopBar - kBottomBar - 12};
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
  for (uint32_t l = 0; l < topology_->links.size(); ++l)
    add_line(shapes, scene.node_centre(topology_->links[l].a.node),
             scene.node_centre(topology_->links[l].b.node), std::clamp(s * 0.16f, 1.5f, 3.0f),
             kLink);
  for (uint32_t i = 0; i < topology_->nodes.size(); ++i)
    add_node_icon(shapes, topology_->nodes[i].kind, scene.node_centre(i), s);
  const auto w = static_cast<float>(size_.x), h = static_cast<float>(size_.y);
  add_rect(shapes, {0, 0, w, kTopBar}, kBar);
  add_rect(shapes, {0, kTopBar, w, 1}, sf::Color(220, 222, 226));
  add_rect(shapes, {0, h - kBottomBar, w, kBottomBar}, kBar);
  add_rect(shapes, {0, h - kBottomBar, w, 1}, sf::Color(220, 222, 226));
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
  hint_.setPosition(w - hint_.getLocalBounds().width - 12, h - 62);
  static_layer_.draw(hint_);
  static_layer_.display();
}

// Node names (and addresses when there is room) under icons; interface names
// near link ends. Dense maps drop the smaller labels first.
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
        small.setString(end.iface);
        const sf::Vector2f p = scene.iface_label_point(l, side);
        draw_centred(small, {p.x, p.y - 6});
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
  const float y = static_cast<float>(size_.y) - 58;
  float x = 16;
  sf::Text text = make_text(fonts_->sans, 12, kInk);
  auto label = [&](const std::string& s) {
    text.setString(s);
    text.setPosition(x, y - 8);
    target.draw(text);
    x += text.getLocalBounds().width + 18;
  };
  for (FrameClass c : kFrameClasses) {
    add_circle(shapes, {x + 5, y}, 6, sf::Color(40, 40, 40), 12);
    add_circle(shapes, {x + 5, y}, 5, to_sf(frame_class_colour(c)), 12);
    x += 15;
    label(std::string(to_string(c)));
  }
  add_cross(shapes, {x + 5, y}, 5, 2.5f, kDrop);
  x += 15;
  label("drop");
  // Only when the run has collisions (half-duplex links, hubs).
  const auto& events = recording_->events();
  if (std::any_of(events.begin(), events.end(), [](const RecordedEvent& e) { return e.collided; })) {
    add_circle(shapes, {x + 5, y}, 5, to_sf(frame_class_colour(FrameClass::Other)), 12);
    add_ring(shapes, {x + 5, y}, 7, 2, kDrop);
    x += 17;
    label("collision");
  }
  x += 16;
  // Only the node kinds this scenario uses.
  for (NodeKind k :
       {NodeKind::Host, NodeKind::Hub, NodeKind::Switch, NodeKind::L3Switch, NodeKind::Router}) {
    const bool used = std::any_of(topology_->nodes.begin(), topology_->nodes.end(),
                                  [k](const TopologyNode& n) { return n.kind == k; });
    if (!used) continue;
    add_node_icon(shapes, k, {x + 10, y}, 8);
    x += 24;
    label(std::string(to_string(k)));
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
  sf::Sprite background(static_layer_.getTexture());
  target.draw(background);
  draw_frames(target, playback.now(), view);
  draw_drops(target, playback);
  draw_hud(target, playback);
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

void Renderer::draw_frames(sf::RenderTarget& target, Time now, const ViewState& view) {
  moving_.clear();
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
    add_circle(moving_, *at, r + 1.2f, sf::Color(30, 30, 30), 10);
    add_circle(moving_, *at, r, to_sf(frame_class_colour(e.frame_class)), 10);
    if (e.collided) add_ring(moving_, *at, r + 3, 2.5f, kDrop);
  }
  if (view.frame)
    for (const Dot& d : dots_)
      if (d.event == *view.frame) add_ring(moving_, d.at, r + 5, 2.5f, kInk);
  target.draw(moving_);
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
    panel_key_.clear();
    return;
  }
  const sf::FloatRect r = panel_rect();
  std::string key;
  if (view.node) {
    const NameId name = recording_->find_name(topology_->nodes[*view.node].name);
    if (!tables_ || tables_->node() != name) tables_.emplace(*recording_, name);
    tables_->at(now);
    key = "n" + std::to_string(*view.node) + "/" + std::to_string(tables_->applied());
  } else {
    key = "f" + std::to_string(*view.frame);
  }
  key += "/" + std::to_string(size_.x) + "x" + std::to_string(size_.y);
  if (key != panel_key_) {
    panel_key_ = key;
    const std::vector<std::string> lines =
        view.node ? node_panel_lines(*topology_, *view.node, tables_->at(now))
                  : frame_panel_lines(*recording_, *view.frame);
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
  }
  // As tall as its text, up to the space there is.
  const float height =
      std::min(r.height, panel_.getLocalBounds().top + panel_.getLocalBounds().height + 20);
  sf::RectangleShape box({r.width, height});
  box.setPosition(r.left, r.top);
  box.setFillColor(sf::Color(255, 255, 255, 242));
  box.setOutlineColor(sf::Color(190, 195, 205));
  box.setOutlineThickness(1);
  target.draw(box);
  panel_.setPosition(r.left + 10, r.top + 8);
  target.draw(panel_);
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
