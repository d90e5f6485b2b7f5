// Measures the animation's frame rate on a synthetic recording: a grid of
// NODES nodes with about IN_FLIGHT frames on the wire at every moment (and a
// drop every 10us), drawn FRAMES times. Also times the automatic layout.
// --l2: layer 2 at its busiest: switch ports in VLANs, every other frame
// tagged, and a spanning-tree state on every link end.
// usage: viz_bench [NODES [IN_FLIGHT [FRAMES]]] [--l2] [--window] [--png LAST.png]
// (under xvfb-run -a without a screen)
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/core/random.h"
#include "tests/unit/viz/synthetic.h"
#include "viz/fonts.h"
#include "viz/layout.h"
#include "viz/renderer.h"

using namespace netsim;
using namespace netsim::viz;
using Clock = std::chrono::steady_clock;

namespace {
double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Topology grid(size_t n) {
  Topology t;
  t.title = "viz_bench grid";
  const auto side = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(n))));
  for (size_t i = 0; i < n; ++i) {
    const NodeKind kind = i % 10 == 0   ? NodeKind::Router
                          : i % 10 == 5 ? NodeKind::Switch
                                        : NodeKind::Host;
    t.nodes.push_back(
        {"n" + std::to_string(i),
         kind,
         {"10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256) + "/16"},
         std::pair<double, double>{static_cast<double>(i % side), static_cast<double>(i / side)}});
  }
  for (size_t i = 0; i < n; ++i) {
    if ((i + 1) % side != 0 && i + 1 < n)
      t.links.push_back({{static_cast<uint32_t>(i), "e"}, {static_cast<uint32_t>(i + 1), "w"}});
    if (i + side < n)
      t.links.push_back({{static_cast<uint32_t>(i), "s"}, {static_cast<uint32_t>(i + side), "n"}});
  }
  return t;
}

// Frames of `flight` each, spaced so that `in_flight` are on the wire at once.
void fill(Recording& r, synthetic::Events& ev, const Topology& t, size_t in_flight, Time flight,
          Time span, bool l2) {
  RandomStream random(1, "viz_bench");
  const std::vector<uint8_t> arp = synthetic::arp_request(1, 2),
                             echo = synthetic::icmp_echo(1, 2, 1);
  const std::vector<uint8_t> frames[] = {arp, echo, synthetic::tagged(arp, 10),
                                         synthetic::tagged(echo, 20)};
  if (l2)
    for (const TopologyLink& l : t.links)
      for (const TopologyEnd& end : {l.a, l.b})
        r.add(ev.table(Time{0}, t.nodes[end.node].name, "stp", end.iface,
                       end.node % 7 == 0 ? "alternate blocking" : "designated forwarding"));
  const Time gap{std::max<int64_t>(1, flight.count() / static_cast<int64_t>(in_flight))};
  uint64_t uid = 0;
  for (Time at{0}; at < span; at += gap) {
    const TopologyLink& l = t.links[random.next_u64() % t.links.size()];
    const bool forward = random.next_u64() & 1;
    const TopologyEnd &from = forward ? l.a : l.b, &to = forward ? l.b : l.a;
    ++uid;
    r.add(ev.sent(at, t.nodes[from.node].name, from.iface, t.nodes[to.node].name, to.iface,
                  at + flight, frames[uid % (l2 ? 4 : 2)], uid));
    if (uid % 100 == 0)
      r.add(ev.dropped(at, t.nodes[to.node].name, to.iface, DropReason::QueueFull));
  }
  r.finish(span);
}

template <typename Target>
double frames_per_second(Target& target, Renderer& renderer, Playback& playback, Time from, Time to,
                         int frames) {
  const auto start = Clock::now();
  for (int i = 0; i < frames; ++i) {
    playback.seek(from + (to - from) * i / frames);
    target.clear();
    renderer.draw(target, playback, {});
    target.display();
  }
  if constexpr (std::is_same_v<Target, sf::RenderTexture>)
    target.getTexture().copyToImage();  // wait for the GPU to finish
  return frames / since(start);
}
}  // namespace

int main(int argc, char** argv) {
  bool window = false, l2 = false;
  std::string png;
  std::vector<size_t> numbers;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--window") == 0)
      window = true;
    else if (std::strcmp(argv[i], "--l2") == 0)
      l2 = true;
    else if (std::strcmp(argv[i], "--png") == 0 && i + 1 < argc)
      png = argv[++i];
    else
      numbers.push_back(std::stoul(argv[i]));
  }
  const size_t nodes = numbers.size() > 0 ? numbers[0] : 1000,
               in_flight = numbers.size() > 1 ? numbers[1] : 1000;
  const int frames = numbers.size() > 2 ? static_cast<int>(numbers[2]) : 300;

  Topology topology = grid(nodes);
  if (l2)
    for (const TopologyLink& l : topology.links)
      for (const TopologyEnd& end : {l.a, l.b})
        topology.nodes[end.node].ports.push_back(
            {end.iface, end.node % 2 ? PortVlans{10, {}, {}} : PortVlans{1, {10, 20}, 1}});
  Topology unplaced = topology;
  for (auto& n : unplaced.nodes) n.pos.reset();
  auto start = Clock::now();
  compute_layout(unplaced, 1);
  std::printf("layout (Fruchterman-Reingold) of %zu nodes, %zu links: %.2f s\n", nodes,
              topology.links.size(), since(start));

  Recording recording;
  synthetic::Events events;
  const Time flight = microseconds(100), span = milliseconds(2);
  fill(recording, events, topology, in_flight, flight, span, l2);
  std::vector<uint32_t> check;
  recording.frames_in_flight(milliseconds(1), check);
  std::printf("recording: %zu events, %zu frames in flight at 1ms\n", recording.events().size(),
              check.size());

  Fonts fonts;
  load_fonts(fonts);
  const sf::Vector2u size{1280, 800};
  start = Clock::now();
  Renderer renderer(recording, topology, fonts, 1, size);
  std::printf("scene and static layer: %.3f s\n", since(start));
  Playback playback(recording, 1e-4);
  playback.set_paused(true);
  const Time from = flight * 2, to = span - flight * 2;
  double fps = 0;
  if (window) {
    sf::RenderWindow w(sf::VideoMode(size.x, size.y), "viz_bench");
    w.setVerticalSyncEnabled(false);
    fps = frames_per_second(w, renderer, playback, from, to, frames);
  } else {
    sf::RenderTexture target;
    if (!target.create(size.x, size.y)) {
      std::fprintf(stderr, "viz_bench: cannot create a render texture (no X display?)\n");
      return 1;
    }
    fps = frames_per_second(target, renderer, playback, from, to, frames);
    if (!png.empty()) target.getTexture().copyToImage().saveToFile(png);
  }
  std::printf(
      "%s: %d frames at %ux%u, %zu nodes, ~%zu frames in flight%s: %.1f fps (%.2f ms/frame)\n",
      window ? "window" : "render texture", frames, size.x, size.y, nodes, check.size(),
      l2 ? ", VLANs, half tagged, STP on every port" : "", fps, 1000 / fps);
  return 0;
}
