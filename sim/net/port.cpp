#include "sim/net/port.h"

#include <algorithm>

#include "sim/net/csma_cd.h"
#include "sim/net/link.h"
#include "sim/net/node.h"
#include "sim/net/repeater.h"

namespace netsim {

namespace {
// Ethernet header bytes in front of the IP packet: 14, or 18 with an 802.1Q tag.
size_t ethernet_overhead(std::span<const uint8_t> frame) {
  return frame.size() >= 14 && frame[12] == 0x81 && frame[13] == 0x00 ? 18 : 14;
}
constexpr size_t kMinFrame = 60;
}  // namespace

Port::Port(Node& owner, std::string name, uint32_t index, wire::MacAddress mac)
    : owner_(&owner), index_(index), name_(std::move(name)), mac_(mac) {}

Port::~Port() = default;

void Port::attach(Link* link) {
  link_ = link;
  link_up_ = link->up();
  peer_ = &link->other(*this);
  peer_actor_ = peer_->node().actor();
  if (!link->half_duplex()) return;
  repeater_ = owner_->repeater();
  if (!repeater_)
    csma_ = std::make_unique<CsmaCd>(*this,
                                     owner_->ctx().stream("csma:" + owner_->name() + ":" + name_));
}

uint32_t Port::mtu() const { return link_ ? link_->params().mtu : 1500; }

uint64_t Port::collisions() const { return csma_ ? csma_->collisions() : 0; }

void Port::send(Packet frame) {
  Context& ctx = owner_->ctx();
  if (!carrier()) {
    owner_->drop(this, frame, owner_->up() ? DropReason::LinkDown : DropReason::NodeDown);
    return;
  }
  if (frame.size() > mtu() + ethernet_overhead(frame.head())) {
    owner_->drop(this, frame, DropReason::MtuExceeded);
    return;
  }
  if (frame.size() < kMinFrame) {  // a NIC pads short frames with zeros
    ctx.pool().make_unique(frame);
    frame.resize(kMinFrame);
  }
  if (!busy()) {
    start_transmission(std::move(frame));
    return;
  }
  const size_t capacity = link_->params().queue;
  if (queue_size_ >= capacity) {
    owner_->drop(this, frame, DropReason::QueueFull);
    return;
  }
  if (queue_size_ == ring_.size()) grow_ring(std::min(capacity, std::max<size_t>(8, 2 * ring_.size())));
  if (!csma_) await_idle(frame.background() ? EventKind::Background : EventKind::Essential);
  queued_essential_ += !frame.background();
  ring_[(queue_head_ + queue_size_) % ring_.size()] = std::move(frame);
  ++queue_size_;
  report_queue();
}

void Port::report_queue() const {
  const Context& ctx = owner_->ctx();
  ctx.trace().metric(ctx.now(), owner_->name(), [this] { return name_; }, "queue",
                     static_cast<int64_t>(queue_size_));
}

void Port::trace_sent(const Packet& frame, Time tx_end, Time arrival) const {
  if (!owner_->ctx().trace().frames_enabled()) return;
  const Port* far = peer_;
  TraceEvent e;
  e.kind = TraceKind::FrameSent;
  e.time = owner_->ctx().now();
  e.node = owner_->name();
  e.iface = name_;
  e.peer_node = far->node().name();
  e.peer_iface = far->name();
  e.tx_end = tx_end;
  e.arrival = arrival;
  e.frame = owner_->ctx().trace().frame_bytes(frame);
  e.frame_uid = frame.uid();
  owner_->ctx().trace().emit(e);
}

bool Port::busy() const { return csma_ ? busy_ : queue_size_ > 0 || owner_->ctx().now() < idle_at_; }

void Port::await_idle(EventKind kind) {
  Scheduler& s = owner_->ctx().scheduler();
  if (!s.pending(tx_done_)) {
    tx_done_ = s.schedule_at(idle_at_, [this] { transmission_done(); }, kind);
  } else if (kind == EventKind::Essential) {
    s.make_essential(tx_done_);
  }
}

void Port::start_transmission(Packet frame) {
  if (csma_) {  // half duplex: the frame waits for the medium
    busy_ = true;
    csma_->begin(std::move(frame));
    return;
  }
  Context& ctx = owner_->ctx();
  const LinkParams& params = link_->params();
  const Time tx_end = ctx.now() + transmission_time(frame.size(), params.bandwidth_bps);
  const Time arrival = tx_end + params.delay;
  Port* far = peer_;
  trace_sent(frame, tx_end, arrival);

  const bool lost = link_->lose_frame();
  idle_at_ = tx_end;
  // The end is an event only for the waiting frames: essential if one of them is.
  if (queue_size_ > 0) await_idle(queued_essential_ > 0 ? EventKind::Essential : EventKind::Background);
  // A BPDU's events are background.
  const EventKind kind = frame.background() ? EventKind::Background : EventKind::Essential;
  ctx.scheduler().schedule_for(
      peer_actor_, arrival,
      [far, frame = std::move(frame), lost]() mutable { far->deliver(std::move(frame), lost); },
      kind);
}

void Port::transmission_done() {
  busy_ = false;
  if (queue_size_ == 0) return;
  Packet next = pop_queued();
  report_queue();
  if (!carrier()) {  // the link went down while this frame waited
    owner_->drop(this, next, DropReason::LinkDown);
    flush();
    return;
  }
  start_transmission(std::move(next));
}

void Port::deliver(Packet frame, bool lost) {
  // The frame was on the wire: it is lost if the link went down under it.
  if (lost || !link_up_) {
    owner_->drop(this, frame, lost ? DropReason::WireLoss : DropReason::LinkDown);
    return;
  }
  if (!owner_->up()) {
    owner_->drop(this, frame, DropReason::NodeDown);
    return;
  }
  received(std::move(frame));
}

void Port::received(Packet frame) {
  if (owner_->ctx().trace().frames_enabled()) {
    TraceEvent e;
    e.kind = TraceKind::FrameReceived;
    e.time = owner_->ctx().now();
    e.node = owner_->name();
    e.iface = name_;
    e.frame = owner_->ctx().trace().frame_bytes(frame);
    e.frame_uid = frame.uid();
    owner_->ctx().trace().emit(e);
  }
  owner_->receive(*this, std::move(frame));
}

// ---- half duplex ----

void Port::signal_start(const Packet& frame, const Port* origin, bool corrupt) {
  if (frame) {
    const LinkParams& params = link_->params();
    const Time tx_end = owner_->ctx().now() + transmission_time(frame.size(), params.bandwidth_bps);
    trace_sent(frame, tx_end, tx_end + params.delay);
    corrupt = link_->lose_frame() || corrupt;  // one draw per frame crossing this link
  }
  tx_ = {true, false, frame};
  link_->carry(
      *this, SignalEdge{SignalEdge::Kind::Start, corrupt, DropReason::Collision, 0, frame, origin});
}

void Port::signal_garble(DropReason reason) {
  if (!tx_.active || tx_.garbled || !tx_.frame) return;  // jam needs no garbling
  tx_.garbled = true;
  owner_->drop(this, tx_.frame, reason);
  link_->carry(*this, SignalEdge{SignalEdge::Kind::Garble, false, reason, 0, {}, nullptr});
}

void Port::signal_end() {
  if (!tx_.active) return;
  tx_ = {};
  link_->carry(*this,
               SignalEdge{SignalEdge::Kind::End, false, DropReason::Collision, 0, {}, nullptr});
}

void Port::signal_arrived(SignalEdge edge) {
  using Kind = SignalEdge::Kind;
  if (edge.epoch != link_->epoch()) {  // sent before a link_down: those bits never arrive
    if (edge.kind == Kind::Start && edge.frame)
      owner_->drop(this, edge.frame, DropReason::LinkDown);
    return;
  }
  switch (edge.kind) {
    case Kind::Start:
      if (!owner_->up()) {  // a node that is down listens to nothing
        if (edge.frame) owner_->drop(this, edge.frame, DropReason::NodeDown);
        return;
      }
      rx_ = {true, false, false, edge.corrupt, std::move(edge.frame), edge.origin};
      if (repeater_)
        repeater_->carrier_on(*this);
      else
        csma_->carrier_on(edge.origin);
      return;
    case Kind::Garble:
      if (!rx_.active) return;
      rx_.garbled = true;
      if (repeater_) repeater_->garbled(*this, edge.reason);
      return;
    case Kind::End: {
      if (!rx_.active) return;
      Reception done = std::move(rx_);
      rx_ = {};
      // The station learns the medium is idle before it hears the frame, so
      // an answer sent from receive() waits the interframe gap.
      if (csma_) csma_->carrier_off();
      finish_reception(std::move(done));
      if (repeater_) repeater_->carrier_off(*this);
      return;
    }
  }
}

void Port::finish_reception(Reception done) {
  if (!done.frame || done.garbled) return;  // jam, or a fragment whose sender traced the drop
  if (done.spoiled) {
    owner_->drop(this, done.frame, DropReason::Collision);
    return;
  }
  if (done.corrupt) {
    owner_->drop(this, done.frame, DropReason::WireLoss);
    return;
  }
  received(std::move(done.frame));
}

void Port::reset_medium(DropReason why) {
  if (rx_.active && rx_.frame && !rx_.garbled) owner_->drop(this, rx_.frame, why);
  rx_ = {};
  if (repeater_) repeater_->port_down(*this, why);
  if (csma_) csma_->reset(why);
  busy_ = false;
  if (!tx_.active) return;
  if (link_->up()) {  // this node went down: the far end sees the burst cut
    signal_garble(why);
    signal_end();
  } else {  // the far end was flushed too; it traces what it was receiving
    tx_ = {};
  }
}

// ---- queue ----

void Port::grow_ring(size_t capacity) {
  std::vector<Packet> grown(capacity);
  for (size_t i = 0; i < queue_size_; ++i) grown[i] = std::move(ring_[(queue_head_ + i) % ring_.size()]);
  ring_.swap(grown);
  queue_head_ = 0;
}

Packet Port::pop_queued() {
  Packet p = std::move(ring_[queue_head_]);
  queue_head_ = (queue_head_ + 1) % ring_.size();
  --queue_size_;
  queued_essential_ -= !p.background();
  if (queue_size_ > 0) ring_[queue_head_].prefetch();  // its turn comes at this one's end
  return p;
}

void Port::flush() {
  const DropReason why = owner_->up() ? DropReason::LinkDown : DropReason::NodeDown;
  if (link_ && link_->half_duplex()) reset_medium(why);
  if (queue_size_ == 0) return;
  while (queue_size_ > 0) {
    Packet p = pop_queued();
    owner_->drop(this, p, why);
  }
  report_queue();
}

}  // namespace netsim
