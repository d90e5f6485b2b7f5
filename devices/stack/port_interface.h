// A NIC: the L3 interface over one physical port of a host or router, with
// the port's name, index and MAC. Frames go straight to the port.
#pragma once
#include "devices/stack/l3_interface.h"
#include "sim/net/node.h"

namespace netsim::devices {

class PortInterface final : public L3Interface {
 public:
  explicit PortInterface(Port& port)
      : L3Interface(port.name(), port.index(), port.mac()), port_(port) {}

  Port& port() const { return port_; }
  bool carrier() const override { return port_.carrier(); }
  uint32_t mtu() const override { return port_.mtu(); }
  void send(Packet frame) override { port_.send(std::move(frame)); }

 private:
  Port& port_;
};

}  // namespace netsim::devices
