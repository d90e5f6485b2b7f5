// Draws the animation at the playback's current time onto any render target
// (a window or an off-screen texture). What does not move (links, icons,
// labels, legend) is drawn once into a cached texture; what moves is batched
// into one vertex array per frame, so 1000 frames in flight cost a few draw calls.
#pragma once
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viz/fonts.h"
#include "viz/playback.h"
#include "viz/recording.h"
#include "viz/scene.h"
#include "viz/table_history.h"
#include "viz/topology.h"
#include "viz/topology_state.h"

namespace netsim::viz {

// What the person looks at besides the clock: a selection and the key help.
struct ViewState {
  std::optional<uint32_t> node;   // topology node whose tables are shown
  std::optional<uint32_t> frame;  // FrameSent event whose layers are shown
  bool help = false;
};

class Renderer {
 public:
  Renderer(const Recording& recording, const Topology& topology, const Fonts& fonts,
           uint64_t layout_seed, sf::Vector2u size);

  void resize(sf::Vector2u size);
  const Scene& scene() const { return *scene_; }

  void draw(sf::RenderTarget& target, const Playback& playback, const ViewState& view);

  // Picking, in window pixels. frame_at() looks among the dots of the last draw().
  std::optional<uint32_t> frame_at(sf::Vector2f p) const;
  std::optional<uint32_t> node_at(sf::Vector2f p) const { return scene_->node_at(p); }
  bool on_timeline(sf::Vector2f p) const;
  Time timeline_time(float x) const;

 private:
  void build_static();
  void add_labels(sf::RenderTarget& target);
  void add_legend(sf::RenderTarget& target, sf::VertexArray& shapes);
  void add_timeline_density(sf::VertexArray& shapes);
  void add_failures(Time now);
  void draw_frames(sf::RenderTarget& target, Time now, const ViewState& view);
  void draw_drops(sf::RenderTarget& target, const Playback& playback);
  void draw_hud(sf::RenderTarget& target, const Playback& playback);
  void draw_panel(sf::RenderTarget& target, Time now, const ViewState& view);
  void draw_help(sf::RenderTarget& target);
  sf::FloatRect timeline_rect() const;
  sf::FloatRect panel_rect() const;

  const Recording* recording_;
  const Topology* topology_;
  const Fonts* fonts_;
  TopologyState topology_state_;
  std::vector<Point> layout_;
  sf::Vector2u size_;
  std::unique_ptr<Scene> scene_;
  sf::RenderTexture static_layer_;

  // Reused every frame: no allocation once they have grown.
  std::vector<uint32_t> in_flight_;
  struct Dot {
    sf::Vector2f at;
    uint32_t event;
  };
  std::vector<Dot> dots_;
  sf::VertexArray moving_{sf::Triangles}, crosses_{sf::Triangles}, cursor_{sf::Triangles};
  struct DropLabel {
    sf::Text text;
    std::optional<DropReason> reason;  // what `text` says, so it is set only on change
  };
  std::vector<DropLabel> drop_labels_;
  sf::Text clock_, status_, trace_, panel_, help_, hint_;

  // Caches keyed by what they show, rebuilt only when that changes.
  std::pair<const uint32_t*, size_t> trace_key_{nullptr, 0};
  std::string panel_key_;
  std::optional<TableHistory> tables_;
};

}  // namespace netsim::viz
