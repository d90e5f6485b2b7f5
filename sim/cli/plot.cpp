// netsim plot: one run, one chart, one PNG (the animation's chart code, off screen).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/cli/animate_input.h"
#include "sim/cli/options.h"
#include "sim/cli/viz_flags.h"
#include "sim/scenario/loader.h"
#include "viz/chart.h"
#include "viz/chart_data.h"

namespace netsim::cli {

namespace {
const char* kPlotHelp =
    "usage: netsim plot FILE.yaml --what cwnd|throughput|queue|rtt --out chart.png [options]\n"
    "\n"
    "Runs the scenario and draws one chart over simulated time: a TCP connection's\n"
    "congestion window or smoothed RTT, each link direction's throughput (from the\n"
    "frames sent), or each port's queue length. The busiest six lines are drawn\n"
    "unless --conn or --link picks. The animation shows the same charts (key c).\n"
    "Needs an X display for OpenGL, as animate does: use xvfb-run -a on a server.\n"
    "\n";
}  // namespace

int run_plot(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, plot_flags());
  if (args.has("--help")) {
    std::printf("%s%s", kPlotHelp, flag_help(plot_flags()).c_str());
    return 0;
  }
  if (args.positional.size() != 1) throw UsageError{"plot takes exactly one scenario file"};
  const auto what = args.get("--what");
  if (!what) throw UsageError{"plot needs --what cwnd|throughput|queue|rtt"};
  const auto kind = viz::parse_chart_kind(*what);
  if (!kind) throw UsageError{"--what '" + *what + "': say cwnd, throughput, queue or rtt"};
  const auto out = args.get("--out");
  if (!out) throw UsageError{"plot needs --out FILE.png"};
  const auto width = static_cast<unsigned>(number_flag(args, "--width", 320, 8192).value_or(900));
  const auto height = static_cast<unsigned>(number_flag(args, "--height", 240, 8192).value_or(500));
  const scenario::RunOptions run = run_options(args);
  require_display("plot");

  const scenario::Scenario sc = scenario::load_scenario_file(args.positional[0]);
  viz::Recording recording;
  record_run(sc, run, recording);
  viz::Chart chart = viz::make_chart(recording, *kind, {args.get("--conn").value_or(""),
                                                         args.get("--link").value_or("")});
  chart.title += " - " + (sc.name.empty() ? sc.file : sc.name);
  viz::write_chart_png(chart, *out, width, height);
  size_t points = 0;
  for (const viz::ChartSeries& s : chart.series) points += s.x.size();
  std::printf("wrote %s (%s: %zu lines, %zu points)\n", out->c_str(), what->c_str(),
              chart.series.size(), points);
  return chart.empty() ? 1 : 0;
}

}  // namespace netsim::cli
