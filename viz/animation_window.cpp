// Window loop: input changes the Playback and ViewState; each frame the
// Renderer draws the state at the playback's time.
#include "viz/animation_window.h"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>
#include <algorithm>

#include "viz/fonts.h"
#include "viz/renderer.h"

namespace netsim::viz {

namespace {
struct Input {
  Playback& playback;
  ViewState& view;
  Renderer& renderer;
  sf::RenderWindow& window;
  const Topology& topology;
  bool scrubbing = false;

  void key(const sf::Event::KeyEvent& k) {
    switch (k.code) {
      case sf::Keyboard::Space:
        playback.toggle_pause();
        break;
      case sf::Keyboard::Right:
        if (view.events)  // the event list's events only
          step_to(renderer.events(view.filter).next(playback.now()));
        else
          playback.step_forward();
        break;
      case sf::Keyboard::Left:
        if (view.events)
          step_to(renderer.events(view.filter).previous(playback.now()).value_or(Time{0}));
        else
          playback.step_back();
        break;
      case sf::Keyboard::Escape:
        if (view.help || view.node || view.frame || view.events || view.chart) {
          view = {};
        } else {
          window.close();
        }
        break;
      default:
        break;
    }
  }
  // Characters, so '+' works whatever the keyboard layout (and on the keypad).
  void text(sf::Uint32 c) {
    switch (c) {
      case '+':
      case '=':
        playback.faster();
        break;
      case '-':
      case '_':
        playback.slower();
        break;
      case 'r':
      case 'R':
        playback.restart();
        break;
      case 'h':
      case 'H':
      case '?':
        view.help = !view.help;
        break;
      case 'c':
      case 'C':
        view.chart = next_chart(view.chart);
        break;
      case 'e':
      case 'E':
        view.events = !view.events;
        break;
      case 'p':
      case 'P':
        filter(FilterField::Protocol);
        break;
      case 'n':
      case 'N':
        filter(FilterField::Node);
        break;
      case 'k':
      case 'K':
        filter(FilterField::Kind);
        break;
      case 'q':
      case 'Q':
        window.close();
        break;
      default:
        break;
    }
  }
  void step_to(std::optional<Time> t) {
    playback.set_paused(true);
    if (t) playback.seek(*t);
  }
  // Filters cycle through their values and back to "any" (""), by key or click.
  void filter(FilterField field) {
    std::vector<std::string> names;
    for (const TopologyNode& n : topology.nodes) names.push_back(n.name);
    view.filter = cycled(view.filter, field, names);
    view.events = true;
  }
  // A row of the event list seeks to its event (paused) and opens a frame's layers.
  void pick_event(uint32_t index) {
    const RecordedEvent& e = renderer.recording().event(index);
    step_to(e.time);
    view.frame = e.kind == TraceKind::FrameSent ? std::optional(index) : std::nullopt;
    view.node.reset();
  }
  void press(sf::Vector2f p) {
    if (const auto hit = renderer.event_list_at(p, playback.now(), view)) {
      if (hit->field) filter(*hit->field);
      if (hit->event) pick_event(*hit->event);
      return;
    }
    if (renderer.on_timeline(p)) {
      scrubbing = true;
      playback.seek(renderer.timeline_time(p.x));
      return;
    }
    // A frame on top of a node wins: it is the smaller target.
    view.frame = renderer.frame_at(p);
    view.node = view.frame ? std::nullopt : renderer.node_at(p);
  }
  void move(sf::Vector2f p) {
    if (scrubbing) playback.seek(renderer.timeline_time(p.x));
  }
};
}  // namespace

void run_window(const Recording& recording, const Topology& topology,
                const AnimationOptions& options) {
  Fonts fonts;
  load_fonts(fonts);
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  sf::RenderWindow window(sf::VideoMode(options.width, options.height),
                          "netsim animate: " + topology.title, sf::Style::Default, settings);
  window.setFramerateLimit(60);
  Renderer renderer(recording, topology, fonts, options.layout_seed,
                    {options.width, options.height});
  Playback playback(recording, options.speed.value_or(default_speed(recording)));
  playback.seek(options.start);
  ViewState view;
  view.node = options.select;
  view.frame = options.select_frame;
  view.chart = options.chart;
  view.events = options.events.has_value();
  view.filter = options.events.value_or(EventFilter{});
  Input input{playback, view, renderer, window, topology};
  sf::Clock clock;
  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      switch (event.type) {
        case sf::Event::Closed:
          window.close();
          break;
        case sf::Event::Resized: {
          const sf::Vector2u size{event.size.width, event.size.height};
          window.setView(sf::View(
              sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
          renderer.resize(size);
          break;
        }
        case sf::Event::KeyPressed:
          input.key(event.key);
          break;
        case sf::Event::TextEntered:
          input.text(event.text.unicode);
          break;
        case sf::Event::MouseButtonPressed:
          if (event.mouseButton.button == sf::Mouse::Left)
            input.press(
                {static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)});
          break;
        case sf::Event::MouseMoved:
          input.move(
              {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)});
          break;
        case sf::Event::MouseButtonReleased:
          input.scrubbing = false;
          break;
        default:
          break;
      }
    }
    // A stall (window dragged, machine busy) must not jump the animation.
    const float dt = std::min(clock.restart().asSeconds(), 0.1f);
    if (!input.scrubbing) playback.advance(dt);
    window.clear();
    renderer.draw(window, playback, view);
    window.display();
  }
}

}  // namespace netsim::viz
