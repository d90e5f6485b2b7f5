// `netsim animate FILE`: runs the scenario once with a recording sink, then
// plays the recording back in a window, or renders PNGs headless. The
// animation never simulates on its own: everything drawn comes from the trace.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/cli/animate_input.h"
#include "sim/cli/options.h"
#include "sim/cli/viz_flags.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"
#include "sim/scenario/units.h"
#include "viz/animation_window.h"
#include "viz/headless.h"
#include "viz/recording.h"
#include "viz/topology.h"

namespace netsim::cli {

namespace {

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

}  // namespace

int run_animate(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, animate_flags());
  if (args.has("--help")) {
    std::printf("%s%s", kAnimateHelp, flag_help(animate_flags()).c_str());
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
             positions = args.get("--positions"), panel_out = args.get("--panel-out");
  if (positions && !snapshot) throw UsageError{"--positions goes with --snapshot"};
  if (panel_out && !snapshot) throw UsageError{"--panel-out goes with --snapshot"};
  const auto select_frame = number_flag(args, "--select-frame", 0, UINT64_MAX);
  if (const auto events = args.get("--events")) {
    try {
      options.events = viz::parse_event_filter(*events);
    } catch (const std::invalid_argument& e) {
      throw UsageError{std::string("--events: ") + e.what()};
    }
  }
  if (const auto chart = args.get("--chart")) {
    options.chart = viz::parse_chart_kind(*chart);
    if (!options.chart) throw UsageError{"--chart '" + *chart + "': say throughput, cwnd, rtt or queue"};
  }
  const scenario::RunOptions run = run_options(args);
  require_display("animate");

  const scenario::Scenario sc = scenario::load_scenario_file(args.positional[0]);
  const viz::Topology topology = topology_of(sc);
  if (const auto select = args.get("--select")) {
    options.select = topology.find_node(*select);
    if (!options.select) throw UsageError{"--select: no node '" + *select + "' in the scenario"};
  }
  viz::Recording recording;
  record_run(sc, run, recording);

  if (select_frame) {
    options.select_frame = recording.find_sent(*select_frame, at);
    if (!options.select_frame)
      throw UsageError{"--select-frame: no frame " + std::to_string(*select_frame) + " in the run"};
  }
  if (snapshot) {
    viz::write_snapshot(recording, topology, options, at, *snapshot, positions.value_or(""),
                        panel_out.value_or(""));
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
