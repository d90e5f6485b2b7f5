// Headless rendering through sf::RenderTexture, the same Renderer as the window.
#include "viz/headless.h"

#include <SFML/Graphics/RenderTexture.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "viz/fonts.h"
#include "viz/renderer.h"
#include "viz/shapes.h"

namespace netsim::viz {

namespace {
void create_target(sf::RenderTexture& target, const AnimationOptions& options) {
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  if (!target.create(options.width, options.height, settings))
    throw std::runtime_error(
        "animate: cannot create an off-screen render texture (is there an X display?)");
}

void save(const sf::RenderTexture& target, const std::string& png) {
  if (!target.getTexture().copyToImage().saveToFile(png))
    throw std::runtime_error("animate: cannot write '" + png + "'");
}

void write_positions(const Topology& topology, const Scene& scene, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("animate: cannot write '" + path + "'");
  for (uint32_t i = 0; i < topology.nodes.size(); ++i) {
    const sf::Vector2f c = scene.node_centre(i);
    const sf::Color colour = node_colour(topology.nodes[i].kind);
    out << topology.nodes[i].name << ' ' << to_string(topology.nodes[i].kind) << ' '
        << static_cast<int>(std::lround(c.x)) << ' ' << static_cast<int>(std::lround(c.y)) << ' '
        << int{colour.r} << ' ' << int{colour.g} << ' ' << int{colour.b} << '\n';
  }
}

// What both modes draw with: the window's Renderer on an off-screen texture,
// and a playback clock.
struct OffScreen {
  OffScreen(const Recording& recording, const Topology& topology, const AnimationOptions& options)
      : playback(recording, options.speed.value_or(default_speed(recording))) {
    view.node = options.select;
    view.frame = options.select_frame;
    view.chart = options.chart;
    view.events = options.events.has_value();
    view.filter = options.events.value_or(EventFilter{});
    load_fonts(fonts);
    create_target(target, options);
    renderer.emplace(recording, topology, fonts, options.layout_seed,
                     sf::Vector2u{options.width, options.height});
  }
  // Draws the playback's current time and writes it to `png`.
  void render(const std::string& png) {
    renderer->draw(target, playback, view);
    target.display();
    save(target, png);
  }

  Fonts fonts;
  sf::RenderTexture target;
  std::optional<Renderer> renderer;  // made once the fonts are loaded: it keeps a pointer
  Playback playback;
  ViewState view;
};
}  // namespace

void write_snapshot(const Recording& recording, const Topology& topology,
                    const AnimationOptions& options, Time at, const std::string& png,
                    const std::string& positions, const std::string& panel) {
  OffScreen screen(recording, topology, options);
  screen.playback.seek(at);
  screen.playback.set_paused(true);
  screen.render(png);
  if (!positions.empty()) write_positions(topology, screen.renderer->scene(), positions);
  if (!panel.empty()) {
    std::ofstream out(panel);
    if (!out) throw std::runtime_error("animate: cannot write '" + panel + "'");
    for (const std::string& line : screen.renderer->panel_lines(at, screen.view)) out << line << '\n';
  }
}

size_t record_frames(const Recording& recording, const Topology& topology,
                     const AnimationOptions& options, const std::string& directory, unsigned fps) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec)
    throw std::runtime_error("animate: cannot create directory '" + directory +
                             "': " + ec.message());
  OffScreen screen(recording, topology, options);
  screen.playback.seek(options.start);
  size_t written = 0;
  for (;;) {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%06zu.png", written);
    screen.render((std::filesystem::path(directory) / name).string());
    ++written;
    if (screen.playback.at_end()) break;
    screen.playback.advance(1.0 / fps);
  }
  return written;
}

}  // namespace netsim::viz
