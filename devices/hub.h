// A hub: layer 1. Every frame that arrives is repeated, unchanged and shared
// (no copy), out of every other port in port order.
#pragma once
#include <string>

#include "sim/net/node.h"

namespace netsim::devices {

class Hub : public Node {
 public:
  Hub(Context& ctx, std::string name) : Node(ctx, std::move(name), NodeKind::Hub) {}

  void receive(Port& in, Packet frame) override;
};

}  // namespace netsim::devices
