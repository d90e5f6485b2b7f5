#include "sim/net/repeater.h"

#include "sim/net/link.h"
#include "sim/net/medium.h"
#include "sim/net/node.h"
#include "sim/net/port.h"

namespace netsim {

void Repeater::carrier_on(Port& in) {
  if (jamming_) {  // still in the collision: this signal is lost too
    in.spoil_reception();
    update_jam();
    return;
  }
  if (input_) {
    collide(in);
    return;
  }
  input_ = &in;
  Context& ctx = hub_->ctx();
  ctx.trace().decision(ctx.now(), Layer::Physical, hub_->name(), in.name(), [&] {
    const std::string others = hub_->other_port_names(in);
    return others.empty() ? std::string("repeated out of no port")
                          : "repeating out of " + others + " as the bits arrive";
  });
  const Port::Reception& r = in.reception();
  for (const auto& out : hub_->ports())
    if (out.get() != &in && out->carrier()) out->signal_start(r.frame, r.origin, r.corrupt);
}

void Repeater::garbled(Port& in, DropReason reason) {
  if (&in == input_)
    for (const auto& out : hub_->ports()) out->signal_garble(reason);
}

void Repeater::carrier_off(Port& in) {
  if (&in == input_) {
    input_ = nullptr;
    for (const auto& out : hub_->ports()) out->signal_end();
    return;
  }
  if (jamming_) update_jam();
}

void Repeater::port_down(Port& port, DropReason why) {
  if (&port == input_) {
    input_ = nullptr;
    cut_repeats(why);
  } else if (jamming_) {
    update_jam();
  }
}

void Repeater::cut_repeats(DropReason reason) {
  for (const auto& out : hub_->ports()) {
    out->signal_garble(reason);
    out->signal_end();
  }
}

const Port* Repeater::other_origin(const Port& out) const {
  for (const auto& p : hub_->ports())
    if (p.get() != &out && p->receiving()) return p->reception().origin;
  return nullptr;
}

void Repeater::collide(Port& in) {
  ++collisions_;
  jamming_ = true;
  input_ = nullptr;
  Context& ctx = hub_->ctx();
  jam_until_ = ctx.now() + bit_times(kRepeaterJamBits, in.link()->params().bandwidth_bps);
  ctx.trace().decision(ctx.now(), Layer::Physical, hub_->name(), in.name(), [&] {
    std::string receiving;
    for (const auto& p : hub_->ports())
      if (p->receiving()) (receiving += receiving.empty() ? "" : " and ") += p->name();
    return "collision: " + receiving + " receive at once: jam out of every port";
  });
  // Everything being received here is lost, and every repeat turns to jam.
  for (const auto& p : hub_->ports()) {
    if (p->receiving()) p->spoil_reception();
    p->signal_garble(DropReason::Collision);
  }
  update_jam();
}

void Repeater::update_jam() {
  Context& ctx = hub_->ctx();
  Port* last = nullptr;  // the one port still receiving, if only one is
  int receiving = 0;
  if (ctx.now() < jam_until_) {  // the jam's first 96 bits go out of every port
    jam_timer_.arm(ctx.scheduler(), jam_until_, [this] { update_jam(); });
    receiving = 2;
  } else {
    for (const auto& p : hub_->ports())
      if (p->receiving()) {
        ++receiving;
        last = p.get();
      }
  }
  if (receiving == 0) {
    jamming_ = false;
    ctx.trace().decision(ctx.now(), Layer::Physical, hub_->name(), {},
                         [] { return std::string("collision over: jam ends"); });
    for (const auto& p : hub_->ports()) p->signal_end();
    return;
  }
  // Clause 9 "one port left": the last port still active gets no jam back,
  // so two hubs jamming each other over their link both fall quiet.
  for (const auto& p : hub_->ports()) {
    if (receiving == 1 && p.get() == last)
      p->signal_end();
    else if (!p->transmitting() && p->carrier())
      p->signal_start({}, other_origin(*p), false);
  }
}

}  // namespace netsim
