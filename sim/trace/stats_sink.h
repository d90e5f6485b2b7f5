// `netsim run --stats`: the numbers at the end of a run, counted from the one
// trace stream (frames sent and received, drops, Metric samples, app status);
// no device keeps a counter for it.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/trace/trace.h"

namespace netsim {

// One section of the report: a table with a header row. A cell is a number
// (written bare in JSON) or a text.
struct StatsCell {
  std::string text;
  bool number = false;
};
struct StatsSection {
  std::string name;  // "links", "ports", "drops", "tcp", "apps"
  size_t keys = 1;   // the leading columns that name a row
  std::vector<std::string> columns;
  std::vector<std::vector<StatsCell>> rows;
};

class StatsSink : public TraceSink {
 public:
  void on_event(const TraceEvent& e) override;
  void finish(Time end) override { end_ = end; }
  bool wants_metrics() const override { return true; }

  // The report, in a fixed order (links, ports, drops, tcp, apps; rows sorted by name).
  std::vector<StatsSection> sections() const;

 private:
  using Id = uint32_t;  // an interned node or interface name
  using PortKey = std::pair<Id, Id>;  // node, iface
  // node, local ip, local port, remote ip, remote port: one end of a TCP connection.
  using TcpKey = std::tuple<Id, uint32_t, uint16_t, uint32_t, uint16_t>;
  struct Direction {
    uint64_t frames = 0, bytes = 0;
    Time busy{0};  // time spent putting bits on the wire
  };
  struct Port {
    Direction tx;
    uint64_t rx_frames = 0, rx_bytes = 0;
    int64_t queue_max = 0;
    PortKey peer{0, 0};
    bool linked = false;
  };
  struct TcpEnd {
    uint64_t segments = 0, payload = 0;  // sent, retransmissions included
    uint64_t retransmits = 0, retransmitted = 0;
    Time first{0}, last_data{0};
    int64_t srtt_ns = 0, cwnd_max = 0;
    bool endpoint = false;  // its stack reported metrics: a socket, not a router on the path
  };

  Id intern(std::string_view name);
  std::string port_name(PortKey k) const;
  void on_frame_sent(const TraceEvent& e);
  void on_metric(const TraceEvent& e);

  std::map<std::string, Id, std::less<>> ids_;
  std::vector<std::string> names_;
  std::map<PortKey, Port> ports_;
  std::map<std::pair<PortKey, DropReason>, uint64_t> drops_;  // (node, iface or ""), reason -> count
  std::map<TcpKey, TcpEnd> tcp_;
  std::map<std::pair<std::string, std::string>, std::string> apps_;  // (app, node) -> last status
  Time end_{0};
};

// Renderings of StatsSink::sections().
std::string stats_text(const std::vector<StatsSection>& sections, Time duration);
std::string stats_csv(const std::vector<StatsSection>& sections);  // section,name,field,value (name: the key columns)
std::string stats_json(const std::vector<StatsSection>& sections, Time duration);

}  // namespace netsim
