// StatsSink counts only what the trace says: frames, bytes and busy time per
// port and link, drops by place and reason, Metric samples, app status.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/trace/stats_sink.h"

using namespace netsim;

namespace {

TraceEvent sent(std::string_view node, std::string_view iface, std::string_view peer_node,
                std::string_view peer_iface, Time at, Time tx, std::span<const uint8_t> frame) {
  TraceEvent e;
  e.kind = TraceKind::FrameSent;
  e.time = at;
  e.node = node;
  e.iface = iface;
  e.peer_node = peer_node;
  e.peer_iface = peer_iface;
  e.tx_end = at + tx;
  e.arrival = e.tx_end;
  e.frame = frame;
  return e;
}

const StatsSection& section(const std::vector<StatsSection>& all, std::string_view name) {
  for (const StatsSection& s : all)
    if (s.name == name) return s;
  FAIL("no section " << name);
  return all.front();
}

}  // namespace

TEST_CASE("StatsSink sums frames, bytes and busy time per port and per link") {
  const std::vector<uint8_t> frame(100, 0);  // bytes that decode as nothing: counted, not parsed
  StatsSink stats;
  stats.on_event(sent("a", "eth0", "sw", "p1", Time{0}, Time{1000}, frame));
  stats.on_event(sent("a", "eth0", "sw", "p1", Time{5000}, Time{1000}, frame));
  stats.on_event(sent("sw", "p1", "a", "eth0", Time{2000}, Time{3000}, frame));
  TraceEvent queue;
  queue.kind = TraceKind::Metric;
  queue.node = "a";
  queue.iface = "eth0";
  queue.text = "queue";
  for (int64_t n : {1, 4, 2}) {
    queue.number = n;
    stats.on_event(queue);
  }
  TraceEvent drop;
  drop.kind = TraceKind::FrameDropped;
  drop.node = "a";
  drop.iface = "eth0";
  drop.reason = DropReason::QueueFull;
  stats.on_event(drop);
  stats.on_event(drop);
  stats.finish(Time{10000});

  const auto all = stats.sections();
  const StatsSection& links = section(all, "links");
  REQUIRE(links.rows.size() == 1);
  CHECK(links.rows[0][0].text == "a:eth0 <-> sw:p1");
  CHECK(links.rows[0][1].text == "3");      // frames both ways
  CHECK(links.rows[0][2].text == "300");    // bytes
  CHECK(links.rows[0][3].text == "20.00");  // a -> sw busy 2000 of 10000 ns
  CHECK(links.rows[0][4].text == "30.00");
  const StatsSection& ports = section(all, "ports");
  REQUIRE(ports.rows.size() == 2);
  CHECK(ports.rows[0][0].text == "a:eth0");
  CHECK(ports.rows[0][6].text == "4");  // queue high-water mark
  CHECK(ports.rows[0][7].text == "2");  // drops
  const StatsSection& drops = section(all, "drops");
  REQUIRE(drops.rows.size() == 1);
  CHECK(drops.rows[0][1].text == std::string(to_string(DropReason::QueueFull)));

  const std::string csv = stats_csv(all);
  CHECK(csv.rfind("section,name,field,value\n", 0) == 0);
  CHECK(csv.find("links,a:eth0 <-> sw:p1,bytes,300\n") != std::string::npos);
  CHECK(stats_json(all, Time{10000}).find("\"queue_max\": 4") != std::string::npos);
}
