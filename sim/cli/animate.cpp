// `netsim animate FILE`: runs the scenario once with a recording sink, then
// plays the recording back in a window, or renders PNGs headless. The
// animation never simulates on its own: everything drawn comes from the trace.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/cli/options.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"
#include "sim/scenario/units.h"
#include "viz/animation_window.h"
#include "viz/headless.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::cli {

namespace {

const std::vector<FlagSpec> kAnimateFlags = {
    {"--snapshot", "OUT.png", "render one picture (at --at) instead of opening a window"},
    {"--at", "T", "simulated time of the snapshot, or where playback starts (default 0)"},
    {"--record", "DIR", "render PNG frames DIR/frame-NNNNNN.png of the whole playback"},
    {"--fps", "N", "frames per second of playback for --record (default 30)"},
    {"--speed", "T",
     "simulated time per second of playback, e.g. 100us (default: a hop takes ~0.5s)"},
    {"--width", "N", "picture width in pixels (default 1280)"},
    {"--height", "N", "picture height in pixels (default 800)"},
    {"--select", "NODE", "open NODE's panel (its tables, ports, MAC table) from the start"},
    {"--positions", "FILE", "with --snapshot: write 'NAME KIND X Y R G B' per node (for tests)"},
    {"--seed", "N", "random seed, overriding the file's seed"},
    {"--stop", "T", "stop the simulation at T, overriding the file's stop"},
    {"--help", "", "show this help"},
};

const char* kAnimateHelp =
    "usage: netsim animate FILE.yaml [options]\n"
    "\n"
    "Runs the scenario, then plays its trace back: frames move along the links\n"
    "coloured by protocol (ringed in their VLAN's colour when tagged), drops show\n"
    "where they happen, switch ports show their VLANs and spanning-tree state.\n"
    "In the window press h for the keys (space pause, arrows step, +/- speed,\n"
    "r restart, click to inspect).\n"
    "Headless (--snapshot, --record) still needs an X display: use xvfb-run -a.\n"
    "\n";

std::optional<Time> duration_flag(const ParsedArgs& args, const char* flag) {
  const auto v = args.get(flag);
  if (!v) return std::nullopt;
  const auto t = scenario::parse_duration(*v);
  if (!t)
    throw UsageError{std::string(flag) + " '" + *v + "' is not a duration (e.g. 1ms, 0.5, 100us)"};
  return t;
}

std::optional<uint64_t> number_flag(const ParsedArgs& args, const char* flag, uint64_t low,
                                    uint64_t high) {
  const auto v = args.get(flag);
  if (!v) return std::nullopt;
  try {
    size_t used = 0;
    const unsigned long long n = std::stoull(*v, &used);
    if (used == v->size() && n >= low && n <= high) return n;
  } catch (const std::exception&) {
  }
  throw UsageError{std::string(flag) + " '" + *v + "' is not a whole number from " +
                   std::to_string(low) + " to " + std::to_string(high)};
}

// A switch port's VLANs as the scenario set them; a port it does not list is in VLAN 1.
viz::PortVlans port_vlans(const scenario::NodeSpec& n, const std::string& port) {
  viz::PortVlans v;
  for (const scenario::PortSpec& p : n.ports) {
    if (p.name != port) continue;
    v.access = static_cast<uint16_t>(p.vlan);
    for (int vid : p.trunk) v.trunk.push_back(static_cast<uint16_t>(vid));
    std::sort(v.trunk.begin(), v.trunk.end());
    if (p.native) v.native = static_cast<uint16_t>(*p.native);
  }
  return v;
}

viz::Topology topology_of(const scenario::Scenario& sc) {
  viz::Topology t;
  t.title = sc.name.empty() ? sc.file : sc.name;
  for (const scenario::NodeSpec& n : sc.nodes) {
    viz::TopologyNode node{.name = n.name, .kind = n.kind, .pos = n.pos, .mac_aging = n.mac_aging};
    const bool several = n.interfaces.size() > 1;
    for (const scenario::InterfaceSpec& i : n.interfaces) {
      if (i.ip) node.addresses.push_back((several ? i.name + " " : "") + i.ip->to_string());
      if (i.vlan != 0)
        node.svis.push_back({static_cast<uint16_t>(i.vlan), i.name, i.ip ? i.ip->to_string() : ""});
    }
    t.nodes.push_back(std::move(node));
  }
  for (const scenario::LinkSpec& l : sc.links) {
    const auto a = t.find_node(l.a.node), b = t.find_node(l.b.node);
    if (a && b) t.links.push_back({{*a, l.a.iface}, {*b, l.b.iface}});
  }
  // Switch ports are the ones links name.
  for (const viz::TopologyLink& l : t.links)
    for (const viz::TopologyEnd* end : {&l.a, &l.b}) {
      viz::TopologyNode& node = t.nodes[end->node];
      if (node.kind != NodeKind::Switch && node.kind != NodeKind::L3Switch) continue;
      node.ports.push_back({end->iface, port_vlans(sc.nodes[end->node], end->iface)});
    }
  for (viz::TopologyNode& node : t.nodes)
    std::sort(node.ports.begin(), node.ports.end(),
              [](const viz::TopologyPort& x, const viz::TopologyPort& y) {
                return viz::natural_less(x.name, y.name);
              });
  return t;
}

}  // namespace

const std::vector<FlagSpec>& animate_flags() { return kAnimateFlags; }

int run_animate(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, kAnimateFlags);
  if (args.has("--help")) {
    std::printf("%s%s", kAnimateHelp, flag_help(kAnimateFlags).c_str());
    return 0;
  }
  if (args.positional.size() != 1) throw UsageError{"animate takes exactly one scenario file"};
  viz::AnimationOptions options;
  options.width =
      static_cast<unsigned>(number_flag(args, "--width", 320, 8192).value_or(options.width));
  options.height =
      static_cast<unsigned>(number_flag(args, "--height", 240, 8192).value_or(options.height));
  if (const auto speed = duration_flag(args, "--speed")) {
    if (speed->count() == 0) throw UsageError{"--speed must be more than 0"};
    options.speed = to_seconds(*speed);
  }
  const Time at = duration_flag(args, "--at").value_or(Time{0});
  options.start = at;
  const auto fps = static_cast<unsigned>(number_flag(args, "--fps", 1, 240).value_or(30));
  const auto snapshot = args.get("--snapshot"), record = args.get("--record"),
             positions = args.get("--positions");
  if (positions && !snapshot) throw UsageError{"--positions goes with --snapshot"};
  scenario::RunOptions run;
  run.stop = duration_flag(args, "--stop");
  if (const auto seed = number_flag(args, "--seed", 0, UINT64_MAX)) run.seed = *seed;

  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0')
    throw std::runtime_error(
        "animate needs an X display for OpenGL, and DISPLAY is not set; "
        "without a screen run it as: xvfb-run -a netsim animate ...");

  const scenario::Scenario sc = scenario::load_scenario_file(args.positional[0]);
  const viz::Topology topology = topology_of(sc);
  if (const auto select = args.get("--select")) {
    options.select = topology.find_node(*select);
    if (!options.select) throw UsageError{"--select: no node '" + *select + "' in the scenario"};
  }
  viz::Recording recording;
  {
    scenario::Simulation sim(sc, run);
    sim.ctx().trace().add_sink(&recording);
    sim.run();
    // The sink copied what it needs: names, text and frame bytes live in the recording.
  }

  if (snapshot) {
    viz::write_snapshot(recording, topology, options, at, *snapshot, positions.value_or(""));
    std::printf("wrote %s (t = %s s)\n", snapshot->c_str(), format_time(at).c_str());
  }
  if (record) {
    const size_t n = viz::record_frames(recording, topology, options, *record, fps);
    std::printf("wrote %zu frames to %s (%u per second of playback)\n", n, record->c_str(), fps);
  }
  if (!snapshot && !record) viz::run_window(recording, topology, options);
  return 0;
}

}  // namespace netsim::cli
