#include "sim/net/port.h"

#include <algorithm>

#include "sim/net/link.h"
#include "sim/net/node.h"

namespace netsim {

namespace {
// Ethernet header bytes in front of the IP packet: 14, or 18 with an 802.1Q tag.
size_t ethernet_overhead(std::span<const uint8_t> frame) {
  return frame.size() >= 14 && frame[12] == 0x81 && frame[13] == 0x00 ? 18 : 14;
}
constexpr size_t kMinFrame = 60;
}  // namespace

Port::Port(Node& owner, std::string name, uint32_t index, wire::MacAddress mac)
    : owner_(&owner), name_(std::move(name)), index_(index), mac_(mac) {}

Port* Port::peer() const { return link_ ? &link_->other(*this) : nullptr; }

bool Port::carrier() const { return link_ && link_->up() && owner_->up(); }

uint32_t Port::mtu() const { return link_ ? link_->params().mtu : 1500; }

void Port::send(Packet frame) {
  Context& ctx = owner_->ctx();
  if (!carrier()) {
    owner_->drop(this, frame, owner_->up() ? DropReason::LinkDown : DropReason::NodeDown);
    return;
  }
  if (frame.size() > mtu() + ethernet_overhead(frame.bytes())) {
    owner_->drop(this, frame, DropReason::MtuExceeded);
    return;
  }
  if (frame.size() < kMinFrame) {  // a NIC pads short frames with zeros
    ctx.pool().make_unique(frame);
    frame.resize(kMinFrame);
  }
  if (!busy_) {
    start_transmission(std::move(frame));
    return;
  }
  const size_t capacity = link_->params().queue;
  if (queue_size_ >= capacity) {
    owner_->drop(this, frame, DropReason::QueueFull);
    return;
  }
  if (ring_.size() < capacity) grow_ring(capacity);
  if (!frame.background()) ctx.scheduler().make_essential(tx_done_);
  ring_[(queue_head_ + queue_size_) % ring_.size()] = std::move(frame);
  ++queue_size_;
}

void Port::start_transmission(Packet frame) {
  Context& ctx = owner_->ctx();
  const LinkParams& params = link_->params();
  const Time now = ctx.now();
  const Time tx_end = now + transmission_time(frame.size(), params.bandwidth_bps);
  const Time arrival = tx_end + params.delay;
  Port* far = peer();

  TraceEvent e;
  e.kind = TraceKind::FrameSent;
  e.time = now;
  e.node = owner_->name();
  e.iface = name_;
  e.peer_node = far->node().name();
  e.peer_iface = far->name();
  e.tx_end = tx_end;
  e.arrival = arrival;
  e.frame = frame.bytes();
  e.frame_uid = frame.uid();
  ctx.trace().emit(e);

  busy_ = true;
  const bool lost = link_->lose_frame();
  // A BPDU's events are background, unless an essential frame waits behind it.
  const EventKind kind = frame.background() ? EventKind::Background : EventKind::Essential;
  bool essential_waits = false;
  for (size_t i = 0; kind == EventKind::Background && i < queue_size_; ++i)
    essential_waits = essential_waits || !ring_[(queue_head_ + i) % ring_.size()].background();
  tx_done_ = ctx.scheduler().schedule_at(tx_end, [this] { transmission_done(); },
                                         essential_waits ? EventKind::Essential : kind);
  ctx.scheduler().schedule_at(arrival, [far, frame = std::move(frame), lost]() mutable {
    far->deliver(std::move(frame), lost);
  }, kind);
}

void Port::transmission_done() {
  busy_ = false;
  if (queue_size_ == 0) return;
  Packet next = std::move(ring_[queue_head_]);
  queue_head_ = (queue_head_ + 1) % ring_.size();
  --queue_size_;
  if (!carrier()) {  // the link went down while this frame waited
    owner_->drop(this, next, DropReason::LinkDown);
    flush();
    return;
  }
  start_transmission(std::move(next));
}

void Port::deliver(Packet frame, bool lost) {
  // The frame was on the wire: it is lost if the link went down under it.
  if (lost || !link_ || !link_->up()) {
    owner_->drop(this, frame, lost ? DropReason::WireLoss : DropReason::LinkDown);
    return;
  }
  if (!owner_->up()) {
    owner_->drop(this, frame, DropReason::NodeDown);
    return;
  }
  TraceEvent e;
  e.kind = TraceKind::FrameReceived;
  e.time = owner_->ctx().now();
  e.node = owner_->name();
  e.iface = name_;
  e.frame = frame.bytes();
  e.frame_uid = frame.uid();
  owner_->ctx().trace().emit(e);
  owner_->receive(*this, std::move(frame));
}

void Port::grow_ring(size_t capacity) {
  std::vector<Packet> grown(capacity);
  for (size_t i = 0; i < queue_size_; ++i) grown[i] = std::move(ring_[(queue_head_ + i) % ring_.size()]);
  ring_.swap(grown);
  queue_head_ = 0;
}

void Port::flush() {
  while (queue_size_ > 0) {
    Packet p = std::move(ring_[queue_head_]);
    queue_head_ = (queue_head_ + 1) % ring_.size();
    --queue_size_;
    owner_->drop(this, p, owner_->up() ? DropReason::LinkDown : DropReason::NodeDown);
  }
}

}  // namespace netsim
