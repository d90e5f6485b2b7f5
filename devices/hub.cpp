// Hub repetition: one shared buffer handed to every other port.
#include "devices/hub.h"

namespace netsim::devices {

void Hub::receive(Port& in, Packet frame) {
  // Only ports with carrier repeat: a dead segment is not a destination, so
  // nothing is sent there (and nothing is "dropped" there either).
  ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
    const std::string others = other_port_names(in);
    return others.empty() ? std::string("repeated out of") : "repeated out of " + others;
  });
  send_out_other_ports(in, frame);
}

}  // namespace netsim::devices
