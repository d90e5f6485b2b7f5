// A port (NIC or switch port) is a transmit state machine with a drop-tail
// queue: READY sends at once; BUSY queues up to the link's `queue` frames.
// On a full-duplex link the end of a transmission is an event only when a
// frame waits for it: a port sending into an empty queue knows when its wire
// is free (`idle_at_`) without being told, which halves the events of an
// uncongested path.
// It traces each frame's span (send start, arrival) and delivers it to the
// peer's node when the last bit arrives. On a half-duplex link the port is a
// transmitter and receiver of signal edges instead (sim/net/medium.h): a
// station's frames go through its CsmaCd, a hub's ports through the hub's
// Repeater.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/scheduler.h"
#include "sim/core/time.h"
#include "sim/net/medium.h"
#include "sim/packet/packet.h"
#include "sim/wire/address.h"

namespace netsim {

class CsmaCd;
class Link;
class Node;
class Repeater;

class Port {
 public:
  Port(Node& owner, std::string name, uint32_t index, wire::MacAddress mac);
  ~Port();
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  Node& node() const { return *owner_; }
  const std::string& name() const { return name_; }
  uint32_t index() const { return index_; }
  const wire::MacAddress& mac() const { return mac_; }
  void set_mac(wire::MacAddress mac) { mac_ = mac; }

  Link* link() const { return link_; }
  // Called by the Link: a station on a half-duplex link gets its CSMA/CD here.
  void attach(Link* link);
  // Called by the Link when it goes up or down.
  void set_link_up(bool up) { link_up_ = up; }
  Port* peer() const { return peer_; }
  // Attached, link up and node up: frames can leave. Inline (sim/net/node.h):
  // a flood asks it of every port.
  bool carrier() const;
  // Largest IP packet this port's link carries (1500 when unattached).
  uint32_t mtu() const;

  // Hands a frame to the wire: pads it to 60 bytes as a NIC does, then sends
  // it now or queues it; drops (traced) when the link is down or the queue full.
  // A background frame's wire events do not keep the run going (see Packet).
  void send(Packet frame);
  // Frames waiting, not counting the one on the wire.
  size_t queued() const { return queue_size_; }
  // Link or node went down: the waiting frames are dropped (traced); on a
  // half-duplex link, what was arriving or leaving is cut too.
  void flush();

  // ---- half duplex (sim/net/medium.h) ----
  // The burst arriving now. `garbled`: its sender turned it to jam and traced
  // the drop; `spoiled`: a collision here destroyed it, so this port traces it.
  struct Reception {
    bool active = false;
    bool garbled = false;
    bool spoiled = false;
    bool corrupt = false;
    Packet frame;  // empty: jam
    const Port* origin = nullptr;
  };
  // Carrier sense: some signal is arriving.
  bool receiving() const { return rx_.active; }
  const Reception& reception() const { return rx_; }
  void spoil_reception() { rx_.spoiled = true; }
  bool transmitting() const { return tx_.active; }
  // This port's transmitter, driven by its CsmaCd or its hub's Repeater.
  // Start: FrameSent (when `frame` is not jam), the link's loss draw, the edge.
  void signal_start(const Packet& frame, const Port* origin, bool corrupt);
  // The rest of the burst is jam: its frame, if any, is dropped here for `reason`.
  void signal_garble(DropReason reason);
  void signal_end();
  // An edge of the far end's signal has arrived (scheduled by Link::carry).
  void signal_arrived(SignalEdge edge);
  // Collisions this port's transmissions met (stations only; a hub counts its own).
  uint64_t collisions() const;

 private:
  friend class CsmaCd;  // hands back each frame it has finished with
  struct Emission {
    bool active = false;
    bool garbled = false;
    Packet frame;
  };

  // Full duplex: the wire is taken until `idle_at_`, or frames wait.
  bool busy() const;
  void start_transmission(Packet frame);
  // Schedules the running transmission's end, when a frame waits for it.
  void await_idle(EventKind kind);
  void transmission_done();
  void deliver(Packet frame, bool lost);
  // The last bit of a clean frame arrived: FrameReceived, then the node.
  void received(Packet frame);
  void trace_sent(const Packet& frame, Time tx_end, Time arrival) const;
  // A "queue" metric: frames waiting, after each change.
  void report_queue() const;
  // A burst ended: received, or dropped here if a collision or the wire spoiled it.
  void finish_reception(Reception done);
  // Half duplex: link or node went down.
  void reset_medium(DropReason why);
  // The ring doubles as the queue fills (up to the link's `queue`), so memory
  // follows what is queued, not what could be.
  void grow_ring(size_t capacity);
  Packet pop_queued();

  // What every frame sent or received reads comes first, so that a flood,
  // which touches hundreds of ports, mostly finds it in one cache line.
  Node* owner_;
  // The link's state, kept here by the Link beside owner_ (one line, whatever
  // the Port's alignment): an arrival and carrier() then read no line of the
  // Link's. False while unattached.
  bool link_up_ = false;
  bool busy_ = false;  // half duplex: a frame is with the CsmaCd
  uint32_t index_;
  Link* link_ = nullptr;
  Port* peer_ = nullptr;  // the link's other end, fixed at attach
  std::unique_ptr<CsmaCd> csma_;  // half duplex: stations
  Time idle_at_{0};    // full duplex: the running transmission's end
  size_t queue_size_ = 0;
  uint32_t peer_actor_ = 0;  // peer_'s node's actor: its arrivals are scheduled for it
  // The rest.
  std::string name_;
  wire::MacAddress mac_;
  EventId tx_done_;    // that end as an event, while a frame waits for it
  // Ring buffer of waiting frames, so queueing never allocates.
  std::vector<Packet> ring_;
  size_t queue_head_ = 0;
  size_t queued_essential_ = 0;  // waiting frames that are not background
  // Half duplex.
  Repeater* repeater_ = nullptr;  // hub ports: the hub's
  Reception rx_;
  Emission tx_;
};

}  // namespace netsim
