// The vocabulary the spanning-tree engines, the bridge and the scenario share:
// the mode, port roles, the bridge's and each port's configuration, path
// costs from link speed, and port numbers and IDs from port names.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"

namespace netsim::devices {

enum class StpMode : uint8_t { Stp, Rstp };  // 802.1D-1998 clause 8 | 802.1D-2004 clause 17
std::string_view to_string(StpMode mode);   // "stp", "rstp"

// 802.1D-2004 17.7. In stp mode a port that is neither root nor designated
// is alternate (another bridge serves its LAN) or backup (another of our
// own ports does), as 802.1D-2004 names them.
enum class PortRole : uint8_t { Disabled, Root, Designated, Alternate, Backup };
std::string_view to_string(PortRole role);  // "disabled", "root", ...

struct StpBridgeConfig {
  StpMode mode = StpMode::Stp;
  uint16_t priority = 32768;  // a multiple of 4096 (802.1D-2004 Table 17-2)
  Time hello = seconds(2), max_age = seconds(20), forward_delay = seconds(15);
  static constexpr Time kHoldTime = seconds(1);  // 802.1D-1998 Table 8-3
  // 802.1D-2004 Table 17-1: RST BPDUs a port may send per second.
  static constexpr uint32_t kTransmitHoldCount = 6;
};

// 802.1D-1998 Table 8-3 ranges, checked by the loader.
constexpr Time kMinHello = seconds(1), kMaxHello = seconds(10);
constexpr Time kMinMaxAge = seconds(6), kMaxMaxAge = seconds(40);
constexpr Time kMinForwardDelay = seconds(4), kMaxForwardDelay = seconds(30);

struct StpPortConfig {
  std::string name;
  uint16_t number = 0;     // the port number in the port ID (see stp_port_numbers)
  uint8_t priority = 128;  // 0..240 in steps of 16
  uint32_t path_cost = 19;
  bool edge = false;
  uint16_t port_id() const { return static_cast<uint16_t>((priority >> 4) << 12 | (number & 0x0fff)); }
};

// 802.1D-1998 Table 8-5's recommended values, which the contract uses in both
// modes: 2 at 10 Gb/s and up, 4 at 1 Gb/s, 19 at 100 Mb/s, 100 below.
uint32_t stp_path_cost(uint64_t bandwidth_bps);

// Port numbers from port names: the number a name ends with ("p3" -> 3).
// Names without one (or whose number is 0, above 4095, or already taken)
// come after the highest, in name order.
std::vector<uint16_t> stp_port_numbers(const std::vector<std::string>& names);

}  // namespace netsim::devices
