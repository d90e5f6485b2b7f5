// The one record of what happened. Devices and links emit TraceEvents on the
// bus; the text trace, --explain, JSONL, pcap, expect checks and the animation
// are all sinks of this one stream.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/time.h"
#include "sim/packet/packet.h"

namespace netsim {

// Why a frame or packet went no further. Words shared by every sink.
enum class DropReason : uint8_t {
  Malformed,       // bytes do not parse (counted per node)
  BadChecksum,
  NotForUs,        // unicast frame to another MAC on a shared segment (hub)
  NoRoute,
  TtlExpired,
  ArpFailed,       // next hop never answered ARP
  ArpQueueFull,    // too many packets waiting for one resolution
  QueueFull,       // port's drop-tail queue
  LinkDown,
  NodeDown,
  WireLoss,        // the link's random loss
  MtuExceeded,
  PortUnreachable, // no socket on the UDP/TCP port
  Unsupported,     // a protocol this node does not speak
  SameSegment,     // switch: destination lives on the ingress port
  VlanFiltered,    // switch: the frame's VLAN (or its tagging) is not carried by the port
  PortBlocked,     // switch: the spanning-tree state of the port discards the frame
  Collision,       // half duplex: the frame collided on a shared medium (hub)
  ExcessiveCollisions,  // half duplex: 16 attempts collided, the frame is given up
};
std::string_view to_string(DropReason r);

enum class TraceKind : uint8_t {
  FrameSent,      // first bit leaves node:iface; arrival says when the last bit reaches peer
  FrameReceived,  // last bit arrived at node:iface
  FrameDropped,   // frame (or the packet it carried) dropped at node[:iface]
  Decision,       // --explain: what a device decided and why (text)
  TableChange,    // a table row added/changed/removed: table, key, value ("" = removed)
  AppOutput,      // print() from an app (iface holds the app name)
  AppStatus,      // an app started/finished/failed (iface: app name, text: status [error])
  Topology,       // link or node up/down, set_link (text says what)
  Note,           // run-level messages: stop reasons, limits
  Metric,         // a numeric sample for statistics and charts: text names it, number holds it
};

// The layer a Decision belongs to, said where it is made (the animation's
// in/out layer view groups a device's decisions by it).
enum class Layer : uint8_t { Unknown, Physical, Link, Network, Transport, Application };
std::string_view to_string(Layer l);  // "L1", "L2", "L3", "L4", "L7"; "" when unknown

struct TraceEvent {
  TraceKind kind = TraceKind::Note;
  Time time{0};
  std::string_view node;
  std::string_view iface;
  std::string_view peer_node;   // FrameSent: the other end of the link
  std::string_view peer_iface;
  Time tx_end{0};               // FrameSent: last bit leaves the sender
  Time arrival{0};              // FrameSent: last bit reaches the peer
  std::span<const uint8_t> frame;
  uint64_t frame_uid = 0;
  DropReason reason = DropReason::Malformed;
  std::string_view text;        // Decision, AppOutput, AppStatus, Topology, Note; TableChange: table
  std::string_view key;         // TableChange
  std::string_view value;       // TableChange ("" when removed)
  int64_t number = 0;           // Metric: the sample (bytes, nanoseconds or frames, per its name)
  Layer layer = Layer::Unknown;  // Decision
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void on_event(const TraceEvent& e) = 0;
  // Called once when the run has ended, with the final time.
  virtual void finish(Time /*end*/) {}
  // Decisions and table changes cost formatting; they are made only when a sink asks.
  virtual bool wants_decisions() const { return false; }
  virtual bool wants_tables() const { return false; }
  virtual bool wants_metrics() const { return false; }
  // Whether on_event reads the frames crossing ports (FrameSent,
  // FrameReceived) and any event's frame bytes; without such a sink ports
  // emit no frame events and drops carry no bytes (--trace none runs).
  virtual bool wants_frames() const { return true; }
};

class TraceBus {
 public:
  void add_sink(TraceSink* sink) {
    sinks_.push_back(sink);
    decisions_ = decisions_ || sink->wants_decisions();
    tables_ = tables_ || sink->wants_tables();
    metrics_ = metrics_ || sink->wants_metrics();
    frames_ = frames_ || sink->wants_frames();
  }
  bool decisions_enabled() const { return decisions_; }
  bool tables_enabled() const { return tables_; }
  bool metrics_enabled() const { return metrics_; }
  bool frames_enabled() const { return frames_; }

  // A frame's bytes for an event, valid until the next call: a referenced
  // payload is copied into scratch memory, not into the frame (which keeps
  // sharing it); nothing when no sink reads frames.
  std::span<const uint8_t> frame_bytes(const Packet& frame) const {
    return frames_ ? frame.view(frame_scratch_) : std::span<const uint8_t>{};
  }

  void emit(const TraceEvent& e) const {
    for (TraceSink* s : sinks_) s->on_event(e);
  }
  void finish(Time end) const {
    for (TraceSink* s : sinks_) s->finish(end);
  }

  // Emits a Decision; `make_text` (returning std::string) runs only when
  // some sink wants decisions, so the per-frame path formats nothing by default.
  template <typename MakeText>
  void decision(Time t, Layer layer, std::string_view node, std::string_view iface,
                MakeText&& make_text) const {
    if (!decisions_) return;
    const std::string text = make_text();
    TraceEvent e;
    e.kind = TraceKind::Decision;
    e.time = t;
    e.node = node;
    e.iface = iface;
    e.text = text;
    e.layer = layer;
    emit(e);
  }
  template <typename MakeRow>  // MakeRow: returns std::pair<std::string, std::string> (key, value)
  void table_change(Time t, std::string_view node, std::string_view table, MakeRow&& make_row) const {
    if (!tables_) return;
    const auto [key, value] = make_row();
    TraceEvent e;
    e.kind = TraceKind::TableChange;
    e.time = t;
    e.node = node;
    e.text = table;
    e.key = key;
    e.value = value;
    emit(e);
  }
  // Emits a Metric sample of `subject` (a port's name, or a TCP connection
  // "ip:port->ip:port" that `make_subject` builds only when some sink wants
  // metrics). Names and units: see docs/architecture.md, "Metrics".
  template <typename MakeSubject>
  void metric(Time t, std::string_view node, MakeSubject&& make_subject, std::string_view name,
              int64_t value) const {
    if (!metrics_) return;
    const std::string subject = make_subject();
    TraceEvent e;
    e.kind = TraceKind::Metric;
    e.time = t;
    e.node = node;
    e.iface = subject;
    e.text = name;
    e.number = value;
    emit(e);
  }

 private:
  std::vector<TraceSink*> sinks_;
  bool decisions_ = false;
  bool tables_ = false;
  bool metrics_ = false;
  bool frames_ = false;
  mutable std::vector<uint8_t> frame_scratch_;
};

}  // namespace netsim
