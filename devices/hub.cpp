// Hub repetition: one shared buffer handed to every other port.
#include "devices/hub.h"

namespace netsim::devices {

void Hub::receive(Port& in, Packet frame) {
  // Only ports with carrier repeat: a dead segment is not a destination, so
  // nothing is sent there (and nothing is "dropped" there either).
  ctx().trace().decision(ctx().now(), name(), in.name(), [&] {
    std::string text = "repeated out of";
    for (const auto& port : ports())
      if (port.get() != &in && port->carrier()) text += " " + port->name();
    return text;
  });
  for (const auto& port : ports())
    if (port.get() != &in && port->carrier()) port->send(frame);
}

}  // namespace netsim::devices
