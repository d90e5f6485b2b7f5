// netsim-viz.so's entry points: the netsim binary opens this plug-in (SFML,
// OpenGL, X11) only for `animate` and `plot` (sim/cli/plugins.h), and looks
// these two up by their unmangled names.
#include <string>
#include <vector>

namespace netsim::cli {
int run_animate(const std::vector<std::string>& args);  // sim/cli/animate.cpp
int run_plot(const std::vector<std::string>& args);     // sim/cli/plot.cpp
}  // namespace netsim::cli

extern "C" int netsim_viz_animate(const std::vector<std::string>* args) {
  return netsim::cli::run_animate(*args);
}

extern "C" int netsim_viz_plot(const std::vector<std::string>* args) {
  return netsim::cli::run_plot(*args);
}
