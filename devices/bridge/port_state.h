// The spanning-tree gate on one bridge port (IEEE 802.1D-1998 §8.4). The
// bridge core consults it for every frame; the STP engine sets it. Without
// spanning tree every port with carrier is Forwarding. RSTP's "discarding"
// is Blocking, named as RSTP names it where the mode is rstp.
#pragma once
#include <cstdint>
#include <string_view>

namespace netsim::devices {

enum class PortState : uint8_t { Disabled, Blocking, Listening, Learning, Forwarding };

constexpr std::string_view to_string(PortState s) {
  switch (s) {
    case PortState::Disabled: return "disabled";
    case PortState::Blocking: return "blocking";
    case PortState::Listening: return "listening";
    case PortState::Learning: return "learning";
    case PortState::Forwarding: return "forwarding";
  }
  return "unknown";
}

// 802.1D §8.4: a port learns source addresses in Learning and Forwarding,
// and relays frames only in Forwarding.
constexpr bool learns(PortState s) { return s == PortState::Learning || s == PortState::Forwarding; }
constexpr bool forwards(PortState s) { return s == PortState::Forwarding; }

}  // namespace netsim::devices
