// The interface the IPv4 layer talks to (ns-3's Ipv4Interface over a
// NetDevice): a name, a MAC, an MTU, carrier, and a way to hand a frame to
// layer 2. A host's or router's NIC is one (PortInterface, over a physical
// port); an l3switch's VLAN interface is another (over the bridge). Addresses,
// routes and ARP entries name these, never a port; frame events stay on ports.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/packet/packet.h"
#include "sim/wire/address.h"

namespace netsim::devices {

class L3Interface {
 public:
  // `index`: its place in the stack's interface list (interfaces are added in index order).
  L3Interface(std::string name, uint32_t index, wire::MacAddress mac)
      : name_(std::move(name)), index_(index), mac_(mac) {}
  L3Interface(const L3Interface&) = delete;
  L3Interface& operator=(const L3Interface&) = delete;
  virtual ~L3Interface() = default;

  const std::string& name() const { return name_; }
  uint32_t index() const { return index_; }
  const wire::MacAddress& mac() const { return mac_; }

  // Frames can leave now (a NIC: link and node up; an SVI: a port of its VLAN up).
  virtual bool carrier() const = 0;
  // Largest IP packet it carries.
  virtual uint32_t mtu() const = 0;
  // One Ethernet frame, untagged header written (destination included), to
  // layer 2. The one virtual call a frame pays on its way out.
  virtual void send(Packet frame) = 0;

 private:
  std::string name_;
  uint32_t index_;
  wire::MacAddress mac_;
};

// Decisions and drops name the interface; loopback (null) names none.
inline std::string_view name_of(const L3Interface* iface) {
  return iface ? std::string_view(iface->name()) : std::string_view();
}

}  // namespace netsim::devices
