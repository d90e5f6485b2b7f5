// The animation's copy of one run: a trace sink that keeps every event (frame
// bytes and text in arenas) and, once the run has finished, the time indexes
// that let playback answer "what is on screen at time T" without replaying.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/trace/trace.h"
#include "viz/frame_class.h"
#include "viz/packet_label.h"

namespace netsim::viz {

// Node and interface names are interned: an id indexes Recording::name().
using NameId = uint32_t;
inline constexpr NameId kNoName = UINT32_MAX;

// A slice of one of the recording's arenas.
struct ArenaRef {
  uint32_t offset = 0;
  uint32_t size = 0;
};

struct RecordedEvent {
  TraceKind kind = TraceKind::Note;
  DropReason reason = DropReason::Malformed;
  FrameClass frame_class = FrameClass::Other;  // frame events
  std::optional<uint16_t> vlan;                // frame events: the 802.1Q VID when tagged
  bool collided = false;  // FrameSent cut short by a collision (its arrival: the cut tail's)
  Layer layer = Layer::Unknown;                // Decision: the layer its maker named
  Time time{0};
  Time tx_end{0};   // FrameSent
  Time arrival{0};  // FrameSent
  NameId node = kNoName, iface = kNoName, peer_node = kNoName, peer_iface = kNoName;
  uint64_t frame_uid = 0;
  ArenaRef frame;             // bytes (frame events; a reception shares its sending's)
  ArenaRef text, key, value;  // characters
  ArenaRef label;             // FrameSent, FrameDropped: packet_label(), shared by equal labels
  int64_t number = 0;         // Metric: the sample (its name in text, its subject in iface)
};

class Recording : public TraceSink {
 public:
  // TraceSink: the animation wants everything, including --explain and tables.
  void on_event(const TraceEvent& e) override { add(e); }
  void finish(Time end) override;
  bool wants_decisions() const override { return true; }
  bool wants_tables() const override { return true; }
  bool wants_metrics() const override { return true; }  // the charts and queue gauges

  void add(const TraceEvent& e);
  // The run's end (at least the last event or arrival). Call once, after the last add().
  Time end_time() const { return end_; }

  const std::vector<RecordedEvent>& events() const { return events_; }
  const RecordedEvent& event(uint32_t index) const { return events_[index]; }
  std::span<const uint8_t> frame(const RecordedEvent& e) const;
  std::string_view text(ArenaRef ref) const;
  std::string_view name(NameId id) const { return id == kNoName ? std::string_view{} : names_[id]; }
  NameId find_name(std::string_view name) const;
  // "node:iface", as charts and the layer view name a port.
  std::string port_name(NameId node, NameId iface) const {
    return std::string(name(node)) + ":" + std::string(name(iface));
  }
  size_t name_count() const { return names_.size(); }

  // ---- queries, valid after finish() ----
  // Indexes of FrameSent events on the wire at `t` (sent <= t < arrival), in send order.
  void frames_in_flight(Time t, std::vector<uint32_t>& out) const;
  bool any_in_flight(Time t) const;
  // The FrameSent of frame `uid` on the wire at t, else its first one.
  std::optional<uint32_t> find_sent(uint64_t uid, Time t) const;
  // The first FrameSent of frame `uid` by `node` at or after `from` (a router
  // sending on what it received), looking a few thousand sends ahead at most.
  std::optional<uint32_t> next_send_of(uint64_t uid, NameId node, Time from) const;
  // Indexes of FrameDropped events with from < time <= to.
  std::span<const uint32_t> drops_between(Time from, Time to) const;
  // Times of the events a person steps through (frames, drops, apps, topology, notes).
  std::optional<Time> next_step(Time t) const;      // first step strictly after t
  std::optional<Time> previous_step(Time t) const;  // last step strictly before t
  // The node's TableChange / Decision events, in time order.
  std::span<const uint32_t> table_changes(NameId node) const;
  std::span<const uint32_t> decisions(NameId node) const;
  // The last `count` events at or before t that the text trace prints (frames
  // sent, drops, app output and status, topology, notes), oldest first.
  std::span<const uint32_t> trace_events_until(Time t, size_t count) const;
  // Every event the text trace prints, in time order.
  std::span<const uint32_t> printed() const { return printed_; }
  // One line as the text trace prints it: "0.000105000 pc1:eth0  > sw1:p1  ARP, ...".
  std::string trace_line(uint32_t index) const;
  // The tcpdump-like summary of a frame event, TCP numbers relative as in the text trace.
  std::string summary(const RecordedEvent& e) const;

 private:
  NameId intern(std::string_view name);
  ArenaRef store_text(std::string_view s);
  ArenaRef store_label(const std::string& label);
  void build_indexes();
  // Marks each transmission its sender dropped for a collision (see RecordedEvent::collided).
  void mark_collisions();

  std::vector<RecordedEvent> events_;
  std::vector<uint8_t> bytes_;
  std::string chars_;
  std::vector<std::string> names_;
  std::map<std::string, NameId, std::less<>> name_ids_;
  std::map<std::string, ArenaRef, std::less<>> labels_;
  TcpIsns isns_;
  // Frames on their way: (uid, receiving node, receiving iface) -> the sent
  // bytes, so a reception points at them instead of copying them. A flooded
  // frame keeps its uid on every port, hence the receiver in the key.
  std::map<std::tuple<uint64_t, NameId, NameId>, uint32_t> on_the_wire_;  // -> FrameSent index
  Time end_{0};

  std::vector<uint32_t> sends_;         // FrameSent indexes, by send time
  std::vector<Time> send_max_arrival_;  // running max of arrival over sends_
  std::vector<uint32_t> drops_;         // FrameDropped indexes
  std::vector<Time> drop_times_;
  std::vector<Time> step_times_;   // distinct times of step-worthy events
  std::vector<uint32_t> printed_;  // events the text trace prints
  std::vector<Time> printed_times_;
  std::vector<std::vector<uint32_t>> tables_by_node_;     // by NameId
  std::vector<std::vector<uint32_t>> decisions_by_node_;  // by NameId
};

}  // namespace netsim::viz
