// Chart ticks and the series a chart takes from a recording.
#include <catch2/catch.hpp>

#include "synthetic.h"
#include "viz/chart.h"
#include "viz/chart_data.h"

using namespace netsim;
using namespace netsim::viz;

TEST_CASE("ticks are 1, 2 or 5 times a power of ten") {
  const Ticks t = nice_ticks(0, 0.037);
  CHECK(t.step == Approx(0.005));
  CHECK(t.first == 0);
  CHECK(t.count == 8);
  CHECK(nice_ticks(0, 118e6, 5).step == Approx(2e7));
  CHECK(tick_text(2e7) == "20M");
  CHECK(tick_text(0.015) == "0.015");
  CHECK(tick_text(15000) == "15k");
}

TEST_CASE("throughput spreads each frame over its transmission, per link direction") {
  Recording r;
  synthetic::Events ev;
  // 100 frames of 125 bytes (1000 bits), each 10 us on the wire: 100 Mbit/s for 1 ms.
  for (int i = 0; i < 100; ++i) {
    auto frame = synthetic::udp_datagram(0x0a000001, 5000, 0x0a000002, 7);
    frame.resize(125);
    TraceEvent e = ev.sent(microseconds(10 * i), "a", "eth0", "b", "eth0",
                           microseconds(10 * i + 100), std::move(frame), static_cast<uint64_t>(i));
    e.tx_end = e.time + microseconds(10);
    r.add(e);
  }
  r.finish(milliseconds(2));
  const Chart c = make_chart(r, ChartKind::Throughput);
  REQUIRE(c.series.size() == 1);
  CHECK(c.series[0].name == "a:eth0 > b:eth0");
  double peak = 0;
  for (double v : c.series[0].y) peak = std::max(peak, v);
  CHECK(peak == Approx(100e6).epsilon(0.01));
  CHECK(c.series[0].y.back() == 0);  // idle in the second millisecond
  CHECK(make_chart(r, ChartKind::Throughput, {"", "nowhere"}).series.empty());
}

TEST_CASE("metric charts: one line per node and subject, held to the end of the run") {
  Recording r;
  synthetic::Events ev;
  auto metric = [&](Time t, const char* node, const char* subject, const char* name, int64_t v) {
    TraceEvent e = ev.node_topology(t, node, name);
    e.kind = TraceKind::Metric;
    e.iface = subject;
    e.number = v;
    r.add(e);
  };
  metric(milliseconds(1), "srv", "10.0.0.2:80->10.0.0.1:4000", "cwnd", 14480);
  metric(milliseconds(2), "srv", "10.0.0.2:80->10.0.0.1:4000", "cwnd", 28960);
  metric(milliseconds(2), "srv", "10.0.0.2:80->10.0.0.1:4000", "srtt", 2'000'000);
  metric(milliseconds(3), "sw", "p1", "queue", 3);
  r.finish(milliseconds(10));
  const Chart cwnd = make_chart(r, ChartKind::Cwnd);
  REQUIRE(cwnd.series.size() == 1);
  CHECK(cwnd.series[0].name == "srv 10.0.0.2:80->10.0.0.1:4000");
  CHECK(cwnd.series[0].y == std::vector<double>{14480, 28960, 28960});
  CHECK(cwnd.series[0].x.back() == Approx(0.01));
  CHECK(make_chart(r, ChartKind::Rtt).series[0].y[0] == Approx(2.0));  // ms
  CHECK(make_chart(r, ChartKind::Queue, {"", "sw:p1"}).series.size() == 1);
  CHECK(make_chart(r, ChartKind::Cwnd, {"9.9.9.9", ""}).series.empty());
}
