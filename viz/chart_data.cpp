#include "viz/chart_data.h"

#include <algorithm>
#include <map>

namespace netsim::viz {

namespace {
constexpr size_t kThroughputBins = 120;

// The busiest `kMaxChartSeries` by `weight`, then in name order.
void keep_busiest(std::vector<ChartSeries>& series, std::vector<double>& weight) {
  std::vector<size_t> order(series.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return weight[a] > weight[b]; });
  if (order.size() > kMaxChartSeries) order.resize(kMaxChartSeries);
  std::sort(order.begin(), order.end());
  std::vector<ChartSeries> kept;
  for (size_t i : order) kept.push_back(std::move(series[i]));
  series = std::move(kept);
}

// Bits per second leaving each port, in equal bins over the run.
Chart throughput(const Recording& r, const ChartFilter& filter) {
  Chart chart{"throughput per link direction", "bit/s", {}};
  const double end = std::max(to_seconds(r.end_time()), 1e-9);
  const double bin = end / kThroughputBins;
  std::map<std::pair<NameId, NameId>, size_t> index;  // sender -> series
  std::vector<std::vector<double>> bits;
  std::vector<double> total;
  for (const RecordedEvent& e : r.events()) {
    if (e.kind != TraceKind::FrameSent) continue;
    auto it = index.find({e.node, e.iface});
    if (it == index.end()) {
      const std::string from = r.port_name(e.node, e.iface), to = r.port_name(e.peer_node, e.peer_iface);
      if (!filter.link.empty() && from.find(filter.link) == std::string::npos &&
          to.find(filter.link) == std::string::npos) {
        index.emplace(std::pair{e.node, e.iface}, SIZE_MAX);
        continue;
      }
      it = index.emplace(std::pair{e.node, e.iface}, chart.series.size()).first;
      chart.series.push_back({from + " > " + to, {}, {}, true});
      bits.emplace_back(kThroughputBins, 0.0);
      total.push_back(0);
    }
    if (it->second == SIZE_MAX) continue;
    // Spread over the frame's transmission, so no bin shows more than the link rate.
    const double frame_bits = 8.0 * e.frame.size;
    const double from = to_seconds(e.time), to = std::max(to_seconds(e.tx_end), from);
    total[it->second] += frame_bits;
    for (auto b = static_cast<size_t>(from / bin); b < kThroughputBins; ++b) {
      const double lo = std::max(from, static_cast<double>(b) * bin),
                   hi = std::min(to, static_cast<double>(b + 1) * bin);
      if (to <= from) {
        bits[it->second][b] += frame_bits;
        break;
      }
      if (hi > lo) bits[it->second][b] += frame_bits * (hi - lo) / (to - from);
      if (static_cast<double>(b + 1) * bin >= to) break;
    }
  }
  for (size_t s = 0; s < chart.series.size(); ++s)
    for (size_t b = 0; b <= kThroughputBins; ++b) {
      chart.series[s].x.push_back(static_cast<double>(b) * bin);
      chart.series[s].y.push_back(bits[s][std::min(b, kThroughputBins - 1)] / bin);
    }
  keep_busiest(chart.series, total);
  return chart;
}
// One line per (node, subject) reporting metric `name`: a connection's
// window or RTT seen from each end, a port's queue. `scale` converts the
// reported unit to the chart's.
Chart metric(const Recording& r, std::string_view name, const std::string& filter, double scale,
             Chart chart) {
  std::map<std::pair<NameId, NameId>, size_t> index;
  std::vector<double> weight;  // samples, then the largest value: the liveliest lines first
  for (const RecordedEvent& e : r.events()) {
    if (e.kind != TraceKind::Metric || r.text(e.text) != name) continue;
    auto it = index.find({e.node, e.iface});
    if (it == index.end()) {
      const std::string subject(r.name(e.iface));
      if (!filter.empty() && subject.find(filter) == std::string::npos &&
          r.port_name(e.node, e.iface).find(filter) == std::string::npos) {
        index.emplace(std::pair{e.node, e.iface}, SIZE_MAX);
        continue;
      }
      it = index.emplace(std::pair{e.node, e.iface}, chart.series.size()).first;
      chart.series.push_back({std::string(r.name(e.node)) + " " + subject, {}, {}, true});
      weight.push_back(0);
    }
    if (it->second == SIZE_MAX) continue;
    ChartSeries& s = chart.series[it->second];
    s.x.push_back(to_seconds(e.time));
    s.y.push_back(static_cast<double>(e.number) * scale);
    weight[it->second] += 1;
  }
  // A value holds until the next sample: carry the last one to the end of the run.
  for (ChartSeries& s : chart.series) {
    s.x.push_back(to_seconds(r.end_time()));
    s.y.push_back(s.y.back());
  }
  keep_busiest(chart.series, weight);
  return chart;
}
}  // namespace

std::string_view to_string(ChartKind k) {
  switch (k) {
    case ChartKind::Cwnd:
      return "cwnd";
    case ChartKind::Throughput:
      return "throughput";
    case ChartKind::Queue:
      return "queue";
    case ChartKind::Rtt:
      return "rtt";
  }
  return "?";
}

std::optional<ChartKind> parse_chart_kind(std::string_view s) {
  for (ChartKind k : kChartKinds)
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<ChartKind> next_chart(std::optional<ChartKind> k) {
  if (!k) return kChartKinds[0];
  for (size_t i = 0; i + 1 < std::size(kChartKinds); ++i)
    if (kChartKinds[i] == *k) return kChartKinds[i + 1];
  return std::nullopt;
}

Chart make_chart(const Recording& recording, ChartKind kind, const ChartFilter& filter) {
  switch (kind) {
    case ChartKind::Throughput:
      return throughput(recording, filter);
    case ChartKind::Cwnd:
      return metric(recording, "cwnd", filter.conn, 1, {"TCP congestion window", "bytes", {}});
    case ChartKind::Rtt:
      return metric(recording, "srtt", filter.conn, 1e-6, {"TCP smoothed RTT", "ms", {}});
    case ChartKind::Queue:
      return metric(recording, "queue", filter.link, 1, {"queue length per port", "frames", {}});
  }
  return {};
}

}  // namespace netsim::viz
