// What a chart shows, taken from a recording: throughput per link direction
// from the frames sent, and the values devices report as Metric events
// (a TCP connection's congestion window and smoothed RTT, a port's queue length).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "viz/chart.h"
#include "viz/recording.h"

namespace netsim::viz {

enum class ChartKind { Cwnd, Throughput, Queue, Rtt };
inline constexpr ChartKind kChartKinds[] = {ChartKind::Throughput, ChartKind::Cwnd,
                                            ChartKind::Rtt, ChartKind::Queue};
std::string_view to_string(ChartKind k);  // "cwnd", "throughput", "queue", "rtt"
std::optional<ChartKind> parse_chart_kind(std::string_view s);
// The animation's key c: no chart, then each kind in kChartKinds' order, then none again.
std::optional<ChartKind> next_chart(std::optional<ChartKind> k);

// Which lines: `conn` keeps connections whose "ip:port->ip:port" contains it,
// `link` keeps link directions and ports whose "node:iface" contains it (a
// link direction also matches by its receiving end). Empty: all (the busiest few).
struct ChartFilter {
  std::string conn, link;
};

inline constexpr size_t kMaxChartSeries = 6;

Chart make_chart(const Recording& recording, ChartKind kind, const ChartFilter& filter = {});

}  // namespace netsim::viz
