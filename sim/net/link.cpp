#include "sim/net/link.h"

#include <algorithm>

#include "sim/net/node.h"
#include "sim/net/port.h"

namespace netsim {

std::string_view to_string(Duplex d) { return d == Duplex::Half ? "half" : "full"; }

Link::Link(Port& a, Port& b, LinkParams params, RandomStream loss_stream)
    : a_(&a), b_(&b), params_(params), loss_stream_(loss_stream) {
  if (a.node().kind() == NodeKind::Hub || b.node().kind() == NodeKind::Hub)
    params_.duplex = Duplex::Half;
  a.attach(this);
  b.attach(this);
}

void Link::set_up(bool up) {
  if (up_ && !up) ++epoch_;  // what was on the wire never arrives
  up_ = up;
  a_->set_link_up(up);
  b_->set_link_up(up);
}

std::string Link::name() const {
  return a_->node().name() + ":" + a_->name() + "-" + b_->node().name() + ":" + b_->name();
}

void Link::carry(const Port& from, SignalEdge edge) {
  if (!up_) return;
  Port* to = &other(from);
  Scheduler& scheduler = from.node().ctx().scheduler();
  Time& last = last_arrival_[&from == a_ ? 0 : 1];
  last = std::max(scheduler.now() + params_.delay, last);
  edge.epoch = epoch_;
  scheduler.schedule_for(to->node().actor(), last,
                         [to, edge = std::move(edge)]() mutable { to->signal_arrived(std::move(edge)); });
}

}  // namespace netsim
