// A hub: layer 1, one collision domain. Its links are half duplex; every
// signal that arrives is repeated, bit by bit and unchanged (one shared
// buffer, no copy), out of every other port in port order, and signals that
// meet at the hub collide (sim/net/repeater.h).
#pragma once
#include <string>

#include "sim/net/node.h"
#include "sim/net/repeater.h"

namespace netsim::devices {

class Hub : public Node {
 public:
  Hub(Context& ctx, std::string name)
      : Node(ctx, std::move(name), NodeKind::Hub), repeater_(*this) {}

  // The last bit of a clean frame arrived: its repeat, which began with its
  // first bit, ends with it, so nothing is left to do.
  void receive(Port& /*in*/, Packet /*frame*/) override {}
  Repeater* repeater() override { return &repeater_; }

 private:
  Repeater repeater_;
};

}  // namespace netsim::devices
