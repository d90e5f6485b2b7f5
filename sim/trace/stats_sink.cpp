#include "sim/trace/stats_sink.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

#include "sim/trace/jsonl_sink.h"
#include "sim/wire/frame_info.h"

namespace netsim {
namespace {

StatsCell num(uint64_t n) { return {std::to_string(n), true}; }
StatsCell num(int64_t n) { return {std::to_string(n), true}; }
StatsCell fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return {buf, true};
}
StatsCell text(std::string s) { return {std::move(s), false}; }

// By the name in the first column (ports are kept in the order the run met them).
void sort_rows(StatsSection& s) {
  std::stable_sort(s.rows.begin(), s.rows.end(), [](const auto& a, const auto& b) { return a[0].text < b[0].text; });
}

double seconds_of(Time t) { return static_cast<double>(t.count()) / 1e9; }

// Busy time over the run, in percent.
StatsCell utilisation(Time busy, Time duration) {
  return fixed(duration.count() > 0 ? 100.0 * static_cast<double>(busy.count()) / static_cast<double>(duration.count())
                                    : 0.0,
               2);
}

// "10.0.0.1:49152" -> (address, port).
std::optional<std::pair<uint32_t, uint16_t>> endpoint(std::string_view s) {
  const size_t colon = s.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto ip = wire::Ipv4Address::parse(s.substr(0, colon));
  uint16_t port = 0;
  const std::string_view digits = s.substr(colon + 1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (!ip || ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return std::pair{ip->value, port};
}

std::string endpoint_text(uint32_t ip, uint16_t port) {
  return wire::Ipv4Address{ip}.to_string() + ":" + std::to_string(port);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

StatsSink::Id StatsSink::intern(std::string_view name) {
  if (auto it = ids_.find(name); it != ids_.end()) return it->second;
  const Id id = static_cast<Id>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

std::string StatsSink::port_name(PortKey k) const {
  return names_[k.second].empty() ? names_[k.first] : names_[k.first] + ":" + names_[k.second];
}

void StatsSink::on_event(const TraceEvent& e) {
  switch (e.kind) {
    case TraceKind::FrameSent: on_frame_sent(e); break;
    case TraceKind::FrameReceived: {
      Port& p = ports_[{intern(e.node), intern(e.iface)}];
      ++p.rx_frames;
      p.rx_bytes += e.frame.size();
      break;
    }
    case TraceKind::FrameDropped: ++drops_[{{intern(e.node), intern(e.iface)}, e.reason}]; break;
    case TraceKind::Metric: on_metric(e); break;
    case TraceKind::AppStatus: {
      // "running", "finished", "failed ZeroDivisionError": the last one stands.
      apps_[{std::string(e.iface), std::string(e.node)}] = std::string(e.text);
      break;
    }
    default: break;
  }
}

void StatsSink::on_frame_sent(const TraceEvent& e) {
  const PortKey key{intern(e.node), intern(e.iface)};
  Port& p = ports_[key];
  ++p.tx.frames;
  p.tx.bytes += e.frame.size();
  p.tx.busy += e.tx_end - e.time;
  if (!p.linked) {
    p.peer = {intern(e.peer_node), intern(e.peer_iface)};
    p.linked = true;
  }
  const wire::FrameInfo info = wire::decode_frame(e.frame);
  if (!info.ip || !info.tcp) return;
  TcpEnd& t = tcp_[{key.first, info.ip->src.value, info.tcp->src_port, info.ip->dst.value, info.tcp->dst_port}];
  if (t.segments++ == 0) t.first = e.time;
  if (!info.tcp->payload.empty()) {
    t.payload += info.tcp->payload.size();
    t.last_data = e.time;
  }
}

void StatsSink::on_metric(const TraceEvent& e) {
  if (e.text == "queue") {
    Port& p = ports_[{intern(e.node), intern(e.iface)}];
    p.queue_max = std::max(p.queue_max, e.number);
    return;
  }
  // A TCP connection's samples: subject "local->remote" (a listener's "->*" has none of these).
  const size_t arrow = e.iface.find("->");
  if (arrow == std::string_view::npos) return;
  const auto local = endpoint(e.iface.substr(0, arrow));
  const auto remote = endpoint(e.iface.substr(arrow + 2));
  if (!local || !remote) return;
  TcpEnd& t = tcp_[{intern(e.node), local->first, local->second, remote->first, remote->second}];
  t.endpoint = true;
  if (e.text == "srtt") t.srtt_ns = e.number;
  if (e.text == "cwnd") t.cwnd_max = std::max(t.cwnd_max, e.number);
  if (e.text == "retransmit") {
    ++t.retransmits;
    t.retransmitted += static_cast<uint64_t>(e.number);
  }
}

std::vector<StatsSection> StatsSink::sections() const {
  const Time duration = end_;
  std::vector<StatsSection> out;

  // Links: each pair of linked ports once, named from the end that sorts first.
  StatsSection links{"links", 1, {"link", "frames", "bytes", "util_ab_pct", "util_ba_pct"}, {}};
  for (const auto& [key, p] : ports_) {
    if (!p.linked) continue;
    const auto far = ports_.find(p.peer);
    const bool far_sent = far != ports_.end() && far->second.linked;
    if (far_sent && port_name(p.peer) < port_name(key)) continue;  // listed from the other end
    const Direction none;
    const Direction& back = far_sent ? far->second.tx : none;
    links.rows.push_back({text(port_name(key) + " <-> " + port_name(p.peer)), num(p.tx.frames + back.frames),
                          num(p.tx.bytes + back.bytes), utilisation(p.tx.busy, duration),
                          utilisation(back.busy, duration)});
  }
  sort_rows(links);
  out.push_back(std::move(links));

  StatsSection ports{"ports", 1,
                     {"port", "tx_frames", "tx_bytes", "rx_frames", "rx_bytes", "util_pct", "queue_max", "drops"},
                     {}};
  for (const auto& [key, p] : ports_) {
    uint64_t dropped = 0;
    for (auto it = drops_.lower_bound({key, DropReason{}}); it != drops_.end() && it->first.first == key; ++it)
      dropped += it->second;
    ports.rows.push_back({text(port_name(key)), num(p.tx.frames), num(p.tx.bytes), num(p.rx_frames), num(p.rx_bytes),
                          utilisation(p.tx.busy, duration), num(p.queue_max), num(dropped)});
  }
  sort_rows(ports);
  out.push_back(std::move(ports));

  StatsSection drops{"drops", 2, {"where", "reason", "frames"}, {}};
  for (const auto& [key, n] : drops_)
    drops.rows.push_back({text(port_name(key.first)), text(std::string(to_string(key.second))), num(n)});
  sort_rows(drops);
  out.push_back(std::move(drops));

  // TCP: one row per socket end that reported metrics; its segments are those its node sent.
  StatsSection tcp{"tcp", 2,
                   {"node", "connection", "segments", "bytes", "retransmits", "retransmitted_bytes", "srtt_ms",
                    "cwnd_max", "throughput_bps"},
                   {}};
  for (const auto& [key, t] : tcp_) {
    if (!t.endpoint) continue;
    const auto& [node, lip, lport, rip, rport] = key;
    const uint64_t delivered = t.payload - std::min(t.payload, t.retransmitted);
    const Time span = t.last_data - t.first;
    const double bps = span.count() > 0 ? 8.0 * static_cast<double>(delivered) / seconds_of(span) : 0.0;
    tcp.rows.push_back({text(names_[node]), text(endpoint_text(lip, lport) + "->" + endpoint_text(rip, rport)),
                        num(t.segments), num(t.payload), num(t.retransmits), num(t.retransmitted),
                        fixed(static_cast<double>(t.srtt_ns) / 1e6, 3), num(t.cwnd_max), fixed(bps, 0)});
  }
  out.push_back(std::move(tcp));

  StatsSection apps{"apps", 2, {"app", "node", "status"}, {}};
  for (const auto& [key, status] : apps_) apps.rows.push_back({text(key.first), text(key.second), text(status)});
  out.push_back(std::move(apps));
  return out;
}

std::string stats_text(const std::vector<StatsSection>& sections, Time duration) {
  std::string out = "# stats over " + format_duration(duration) + "\n";
  for (const StatsSection& s : sections) {
    if (s.rows.empty()) continue;
    std::vector<size_t> width(s.columns.size());
    for (size_t c = 0; c < s.columns.size(); ++c) {
      width[c] = s.columns[c].size();
      for (const auto& row : s.rows) width[c] = std::max(width[c], row[c].text.size());
    }
    auto line = [&](auto cell_text, auto is_number) {
      std::string l;
      for (size_t c = 0; c < s.columns.size(); ++c) {
        const std::string& t = cell_text(c);
        const std::string pad(width[c] - t.size(), ' ');
        if (c) l += "  ";
        l += is_number(c) ? pad + t : t + pad;
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      return l + "\n";
    };
    out += "\n" + s.name + ":\n";
    out += line([&](size_t c) -> const std::string& { return s.columns[c]; },
                [&](size_t c) { return s.rows.front()[c].number; });
    for (const auto& row : s.rows)
      out += line([&](size_t c) -> const std::string& { return row[c].text; }, [&](size_t c) { return row[c].number; });
  }
  return out;
}

std::string stats_csv(const std::vector<StatsSection>& sections) {
  std::string out = "section,name,field,value\n";
  for (const StatsSection& s : sections)
    for (const auto& row : s.rows) {
      std::string name = row[0].text;
      for (size_t c = 1; c < s.keys; ++c) name += " " + row[c].text;
      for (size_t c = s.keys; c < s.columns.size(); ++c)
        out += s.name + "," + csv_field(name) + "," + s.columns[c] + "," + csv_field(row[c].text) + "\n";
    }
  return out;
}

std::string stats_json(const std::vector<StatsSection>& sections, Time duration) {
  std::string out = "{\"duration_s\": " + fixed(seconds_of(duration), 9).text;
  for (const StatsSection& s : sections) {
    out += ",\n  " + json_quote(s.name) + ": [";
    for (size_t r = 0; r < s.rows.size(); ++r) {
      out += r ? ",\n    {" : "\n    {";
      for (size_t c = 0; c < s.columns.size(); ++c) {
        const StatsCell& cell = s.rows[r][c];
        out += (c ? ", " : "") + json_quote(s.columns[c]) + ": " + (cell.number ? cell.text : json_quote(cell.text));
      }
      out += "}";
    }
    out += s.rows.empty() ? "]" : "\n  ]";
  }
  return out + "\n}\n";
}

}  // namespace netsim
