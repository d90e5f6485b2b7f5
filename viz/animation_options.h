// Settings shared by the window and the headless renderers.
#pragma once
#include <cstdint>
#include <optional>

#include "sim/core/time.h"
#include "viz/chart_data.h"
#include "viz/event_list.h"

namespace netsim::viz {

struct AnimationOptions {
  unsigned width = 1280;
  unsigned height = 800;
  uint64_t layout_seed = 1;
  std::optional<double> speed;     // simulated seconds per wall second; default_speed() when unset
  Time start{0};                   // where playback (or --record) begins
  std::optional<uint32_t> select;  // topology node whose panel is open from the start
  std::optional<uint32_t> select_frame;
  std::optional<ChartKind> chart;  // the chart panel open from the start
  std::optional<EventFilter> events;  // the event list open from the start, so filtered  // FrameSent event whose inspector is open from the start
};

}  // namespace netsim::viz
