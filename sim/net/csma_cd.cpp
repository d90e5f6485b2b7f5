#include "sim/net/csma_cd.h"

#include <algorithm>

#include "sim/net/link.h"
#include "sim/net/medium.h"
#include "sim/net/node.h"
#include "sim/net/port.h"
#include "sim/net/repeater.h"

namespace netsim {

namespace {
std::string port_text(const Port& p) { return p.node().name() + ":" + p.name(); }

// "hub1 segment" for a station on a hub, else the link's name.
std::string segment_name(const Port& station) {
  const Port* far = station.peer();
  if (far->node().kind() == NodeKind::Hub) return far->node().name() + " segment";
  return "link " + station.link()->name();
}
}  // namespace

CsmaCd::CsmaCd(Port& port, RandomStream backoff) : port_(&port), backoff_(backoff) {}

Context& CsmaCd::ctx() const { return port_->node().ctx(); }

Time CsmaCd::bits(uint64_t n) const { return bit_times(n, port_->link()->params().bandwidth_bps); }

void CsmaCd::begin(Packet frame) {
  frame_ = std::move(frame);
  attempts_ = 0;
  try_transmit();
}

void CsmaCd::try_transmit() {
  if (port_->receiving()) {  // carrier sense: wait until the signal ends
    if (state_ != State::Deferring)
      ctx().trace().decision(ctx().now(), Layer::Link, port_->node().name(), port_->name(), [&] {
        const Port* from = port_->reception().origin;
        return "medium busy (" + (from ? port_text(*from) + "'s signal" : std::string("a signal")) +
               " arriving): deferring";
      });
    state_ = State::Deferring;
    return;
  }
  const Time ready = idle_since_ + bits(kInterframeGapBits);
  if (ctx().now() < ready) {
    state_ = State::Deferring;
    timer_.arm(ctx().scheduler(), ready, [this] { try_transmit(); });
    return;
  }
  transmit();
}

void CsmaCd::transmit() {
  ++attempts_;
  state_ = State::Transmitting;
  port_->signal_start(frame_, port_, false);
  const Time end =
      ctx().now() + transmission_time(frame_.size(), port_->link()->params().bandwidth_bps);
  timer_.arm(ctx().scheduler(), end, [this] { end_of_frame(); });
}

void CsmaCd::end_of_frame() {
  port_->signal_end();
  idle_since_ = ctx().now();
  finish_frame();
}

void CsmaCd::carrier_on(const Port* origin) {
  switch (state_) {
    case State::Transmitting:
      port_->spoil_reception();  // half duplex: nothing is received while sending
      collide(origin);
      return;
    case State::Jamming:
      port_->spoil_reception();
      return;
    case State::Deferring:  // the gap was running: wait for this signal to end
      timer_.cancel(ctx().scheduler());
      return;
    case State::Idle:
    case State::BackingOff:
      return;
  }
}

void CsmaCd::carrier_off() {
  idle_since_ = ctx().now();
  if (state_ == State::Deferring) try_transmit();
}

void CsmaCd::collide(const Port* other) {
  ++collisions_;
  const bool give_up = attempts_ >= kAttemptLimit;
  // IEEE 802.3 4.2.3.2.5: after the n-th collision wait r slots, r uniform in [0, 2^min(n,10) - 1].
  backoff_slots_ =
      give_up ? 0 : backoff_.uniform(0, (uint64_t{1} << std::min(attempts_, kBackoffLimit)) - 1);
  ctx().trace().decision(ctx().now(), Layer::Link, port_->node().name(), port_->name(), [&] {
    std::string text = "collision on " + segment_name(*port_) + ": " + port_text(*port_) + " and " +
                       (other ? port_text(*other) : std::string("another station")) + ", attempt " +
                       std::to_string(attempts_) + ": jam " + std::to_string(kJamBits) + " bits, ";
    if (give_up)
      return text + "excessive collisions: frame given up after " + std::to_string(kAttemptLimit) +
             " attempts";
    return text + "backoff " + std::to_string(backoff_slots_) +
           (backoff_slots_ == 1 ? " slot = " : " slots = ") +
           format_duration(bits(kSlotBits) * static_cast<int64_t>(backoff_slots_));
  });
  port_->signal_garble(give_up ? DropReason::ExcessiveCollisions : DropReason::Collision);
  state_ = State::Jamming;
  timer_.arm(ctx().scheduler(), ctx().now() + bits(kJamBits), [this] { end_of_jam(); });
}

void CsmaCd::end_of_jam() {
  port_->signal_end();
  idle_since_ = ctx().now();
  if (attempts_ >= kAttemptLimit) {
    finish_frame();
    return;
  }
  state_ = State::BackingOff;
  const Time wait = bits(kSlotBits) * static_cast<int64_t>(backoff_slots_);
  timer_.arm(ctx().scheduler(), ctx().now() + wait, [this] { try_transmit(); });
}

void CsmaCd::finish_frame() {
  frame_ = {};
  attempts_ = 0;
  state_ = State::Idle;
  port_->transmission_done();
}

void CsmaCd::reset(DropReason why) {
  timer_.cancel(ctx().scheduler());
  if (frame_ && !port_->transmitting()) port_->node().drop(port_, frame_, why);
  frame_ = {};
  attempts_ = 0;
  state_ = State::Idle;
}

uint64_t collisions_of(Node& node) {
  uint64_t n = 0;
  for (const auto& port : node.ports()) n += port->collisions();
  if (const Repeater* r = node.repeater()) n += r->collisions();
  return n;
}

}  // namespace netsim
