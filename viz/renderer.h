// Draws the animation at the playback's current time onto any render target
// (a window or an off-screen texture). What does not move (links, icons,
// labels, legend) is drawn once into a cached texture; what moves is batched
// into one vertex array per frame, so 1000 frames in flight cost a few draw calls.
#pragma once
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "viz/chart_data.h"
#include "viz/event_list.h"
#include "viz/fonts.h"
#include "viz/mac_table_view.h"
#include "viz/playback.h"
#include "viz/port_load.h"
#include "viz/port_states.h"
#include "viz/recording.h"
#include "viz/scene.h"
#include "viz/table_history.h"
#include "viz/topology.h"
#include "viz/topology_state.h"
#include "viz/vlan_style.h"

namespace netsim::viz {

// What the person looks at besides the clock: a selection and the key help.
struct ViewState {
  std::optional<uint32_t> node;   // topology node whose tables are shown
  std::optional<uint32_t> frame;  // FrameSent event whose layers are shown
  std::optional<ChartKind> chart;  // the chart panel (key c)
  bool events = false;             // the event list (key e), filtered by `filter`
  EventFilter filter;
  bool help = false;
};

class Renderer {
 public:
  Renderer(const Recording& recording, const Topology& topology, const Fonts& fonts,
           uint64_t layout_seed, sf::Vector2u size);

  void resize(sf::Vector2u size);
  const Scene& scene() const { return *scene_; }

  void draw(sf::RenderTarget& target, const Playback& playback, const ViewState& view);
  // The event list under `filter` (recomputed only when the filter changes).
  const EventList& events(const EventFilter& filter);
  // The open panels' text at `now` (empty when none is open): the event
  // list's rows, then the node's or frame's panel, unwrapped.
  std::vector<std::string> panel_lines(Time now, const ViewState& view);

  // Picking, in window pixels. frame_at() looks among the dots of the last draw().
  std::optional<uint32_t> frame_at(sf::Vector2f p) const;
  std::optional<uint32_t> node_at(sf::Vector2f p) const { return scene_->node_at(p); }
  bool on_timeline(sf::Vector2f p) const;
  // A click on the open event list: a filter field of its first line, or a
  // row's event; nullopt outside the list (or when it is closed).
  struct EventListHit {
    std::optional<FilterField> field;
    std::optional<uint32_t> event;
  };
  std::optional<EventListHit> event_list_at(sf::Vector2f p, Time now, const ViewState& view);
  const Recording& recording() const { return *recording_; }
  Time timeline_time(float x) const;

 private:
  struct Dot {
    sf::Vector2f at;
    uint32_t event;
  };
  // One entry of the legend: a swatch and its words.
  struct LegendItem {
    enum class Swatch : uint8_t { Frame, Tagged, Drop, Collision, Port, Pill, Node };
    Swatch swatch;
    FrameClass frame_class = FrameClass::Other;  // Frame
    StpState state = StpState::Forwarding;       // Port
    NodeKind kind = NodeKind::Host;              // Node
    std::string pill;                            // Pill: the tag's text
    std::string text;
    float width = 0;  // swatch, words and the gap after them
  };
  void build_legend();
  // Where each legend item goes (relative to the first row's left end) in
  // rows no wider than `width`; the number of rows in `rows`.
  std::vector<sf::Vector2f> flow_legend(float width, size_t& rows) const;
  void build_static();
  void add_links(sf::VertexArray& shapes);
  void add_labels(sf::RenderTarget& target);
  // A VLAN label's pieces side by side, the first one's top left corner at
  // `at`; returns their width (measured only when `target` is null).
  float add_vlan_pills(sf::RenderTarget* target, const std::vector<VlanLabelPiece>& pieces,
                       sf::Vector2f at);
  void add_legend(sf::RenderTarget& target, sf::VertexArray& shapes);
  void add_timeline_density(sf::VertexArray& shapes);
  void add_failures(Time now);
  // The static layer, with the port states at `now` when spanning tree runs.
  const sf::Texture& background(Time now);
  void add_tag(const Dot& dot, uint16_t vid);
  // Link halves in the colour of their sender's recent load (the share of
  // load_window_ it spent transmitting); a gauge at each port end whose queue
  // holds frames (full height: the most it ever held).
  void add_load(Time now);
  void draw_frames(sf::RenderTarget& target, Time now, const ViewState& view);
  void draw_drops(sf::RenderTarget& target, const Playback& playback);
  void draw_hud(sf::RenderTarget& target, const Playback& playback);
  void draw_panel(sf::RenderTarget& target, Time now, const ViewState& view);
  void draw_help(sf::RenderTarget& target);
  // The node's or frame's panel text (the side panel).
  std::vector<std::string> side_panel_lines(Time now, const ViewState& view);
  // The chart panel, bottom right above the timeline: drawn once per kind and
  // size into a texture, then only the clock's cursor moves.
  void draw_chart_panel(sf::RenderTarget& target, Time now, const ViewState& view);
  sf::FloatRect chart_rect() const;
  // The event list, bottom left above the timeline.
  void draw_event_list(sf::RenderTarget& target, Time now, const ViewState& view);
  sf::FloatRect event_list_rect() const;
  size_t event_rows() const;
  sf::FloatRect timeline_rect() const;
  sf::FloatRect panel_rect() const;
  float panel_left(sf::Vector2f size, const ViewState& view) const;

  const Recording* recording_;
  const Topology* topology_;
  const Fonts* fonts_;
  TopologyState topology_state_;
  PortStates port_states_;
  PortLoad port_load_;
  Time load_window_{1};
  bool draw_vlans_;  // some port is not in VLAN 1 alone
  std::vector<LegendItem> legend_;
  float bottom_bar_ = 74;
  std::vector<Point> layout_;
  std::vector<float>
      labels_below_;  // by node: how far its name and addresses reach below its centre
  sf::Vector2u size_;
  std::unique_ptr<Scene> scene_;
  sf::RenderTexture static_layer_;

  // Reused every frame: no allocation once they have grown.
  std::vector<uint32_t> in_flight_;
  std::vector<Dot> dots_;
  sf::VertexArray moving_{sf::Triangles}, tags_{sf::Triangles}, crosses_{sf::Triangles},
      cursor_{sf::Triangles};
  // Port states change seldom: the static layer with their marks on it is
  // redrawn only when one does, so a frame still starts with one sprite.
  sf::RenderTexture port_layer_;
  std::optional<size_t> port_layer_epoch_;
  // A tag's number per VLAN, made the first time the VLAN is seen; placed per frame.
  std::map<uint16_t, sf::Text> tag_texts_;
  std::vector<std::pair<sf::Vector2f, sf::Text*>> tag_labels_;
  struct DropLabel {
    sf::Text text;
    std::optional<DropReason> reason;  // what `text` says, so it is set only on change
  };
  std::vector<DropLabel> drop_labels_;
  struct PacketLabel {
    sf::Text text;
    uint32_t shows = UINT32_MAX;  // the label's arena offset, so it is set only on change
  };
  std::vector<PacketLabel> packet_labels_;  // one per dot while few are on screen
  sf::Text clock_, status_, trace_, panel_, help_, hint_;

  // Caches keyed by what they show, rebuilt only when that changes.
  std::pair<const uint32_t*, size_t> trace_key_{nullptr, 0};
  // Node or frame, which one, table changes applied, MAC table epoch, whole
  // seconds of the clock (expiry countdowns), picture size.
  using PanelKey = std::tuple<char, uint32_t, size_t, size_t, int64_t, unsigned, unsigned>;
  std::optional<PanelKey> panel_key_;
  sf::Vector2f panel_size_;
  float panel_left_ = 0;
  std::optional<TableHistory> tables_;
  std::optional<MacTableView> mac_view_;
  std::optional<std::pair<ChartKind, sf::Vector2u>> chart_key_;
  Chart chart_;
  sf::RenderTexture chart_layer_;
  EventList events_;
  std::optional<std::tuple<std::pair<size_t, size_t>, size_t, unsigned, unsigned>> events_key_;
  sf::Text events_text_;
  uint32_t mac_view_node_ = 0;
};

}  // namespace netsim::viz
