// A port (NIC or switch port) is a transmit state machine with a drop-tail
// queue: READY sends at once; BUSY queues up to the link's `queue` frames.
// It traces each frame's span (send start, arrival) and delivers it to the
// peer's node when the last bit arrives.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/scheduler.h"
#include "sim/core/time.h"
#include "sim/packet/packet.h"
#include "sim/wire/address.h"

namespace netsim {

class Link;
class Node;

class Port {
 public:
  Port(Node& owner, std::string name, uint32_t index, wire::MacAddress mac);
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  Node& node() const { return *owner_; }
  const std::string& name() const { return name_; }
  uint32_t index() const { return index_; }
  const wire::MacAddress& mac() const { return mac_; }
  void set_mac(wire::MacAddress mac) { mac_ = mac; }

  Link* link() const { return link_; }
  void attach(Link* link) { link_ = link; }
  Port* peer() const;
  // Attached, link up and node up: frames can leave.
  bool carrier() const;
  // Largest IP packet this port's link carries (1500 when unattached).
  uint32_t mtu() const;

  // Hands a frame to the wire: pads it to 60 bytes as a NIC does, then sends
  // it now or queues it; drops (traced) when the link is down or the queue full.
  // A background frame's wire events do not keep the run going (see Packet).
  void send(Packet frame);
  // Frames waiting, not counting the one on the wire.
  size_t queued() const { return queue_size_; }
  // Link or node went down: the waiting frames are dropped (traced).
  void flush();

 private:
  void start_transmission(Packet frame);
  void transmission_done();
  void deliver(Packet frame, bool lost);
  // Sized to the link's queue once (again only if set_link raises it).
  void grow_ring(size_t capacity);

  Node* owner_;
  std::string name_;
  uint32_t index_;
  wire::MacAddress mac_;
  Link* link_ = nullptr;
  bool busy_ = false;
  EventId tx_done_;  // the running transmission's end
  // Ring buffer of waiting frames, so queueing never allocates.
  std::vector<Packet> ring_;
  size_t queue_head_ = 0;
  size_t queue_size_ = 0;
};

}  // namespace netsim
