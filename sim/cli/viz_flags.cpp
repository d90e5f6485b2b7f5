// The flags of `netsim animate` and `netsim plot`, in the binary: --help, the
// man page and the completion list them without opening the SFML plug-in
// (netsim-viz.so) that runs the two commands.
#include "sim/cli/viz_flags.h"

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
    {"--select-frame", "N", "open frame N's inspector (N: the frame number its inspector shows)"},
    {"--chart", "KIND", "open the chart panel: throughput, cwnd, rtt or queue (key c in the window)"},
    {"--events", "FILTER",
     "open the event list, e.g. proto=tcp,node=r1,kind=sent (any subset; '' for all)"},
    {"--panel-out", "FILE", "with --snapshot: write the open panel's text (for tests)"},
    {"--positions", "FILE", "with --snapshot: write 'NAME KIND X Y R G B' per node (for tests)"},
    {"--seed", "N", "random seed, overriding the file's seed"},
    {"--stop", "T", "stop the simulation at T, overriding the file's stop"},
    {"--help", "", "show this help"},
};

const std::vector<FlagSpec> kPlotFlags = {
    {"--what", "KIND", "cwnd, throughput, queue or rtt"},
    {"--out", "FILE.png", "where to write the chart"},
    {"--conn", "TEXT", "cwnd, rtt: only connections whose 'ip:port->ip:port' contains TEXT"},
    {"--link", "TEXT", "throughput, queue: only ports whose 'node:iface' contains TEXT"},
    {"--width", "N", "picture width in pixels (default 900)"},
    {"--height", "N", "picture height in pixels (default 500)"},
    {"--seed", "N", "random seed, overriding the file's seed"},
    {"--stop", "T", "stop the simulation at T, overriding the file's stop"},
    {"--help", "", "show this help"},
};

}  // namespace

const std::vector<FlagSpec>& animate_flags() { return kAnimateFlags; }
const std::vector<FlagSpec>& plot_flags() { return kPlotFlags; }

}  // namespace netsim::cli
