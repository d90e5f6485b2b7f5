#include "sim/net/link.h"

#include "sim/net/node.h"
#include "sim/net/port.h"

namespace netsim {

Link::Link(Port& a, Port& b, LinkParams params, RandomStream loss_stream)
    : a_(&a), b_(&b), params_(params), loss_stream_(loss_stream) {
  a.attach(this);
  b.attach(this);
}

std::string Link::name() const {
  return a_->node().name() + ":" + a_->name() + "-" + b_->node().name() + ":" + b_->name();
}

}  // namespace netsim
