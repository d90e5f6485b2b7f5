// The protocol classes the animation colours frames by, their legend colours,
// and the 802.1Q tag a frame carries on the wire.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sim/wire/frame_info.h"

namespace netsim::viz {

enum class FrameClass : uint8_t { Arp, Icmp, Udp, Tcp, Dhcp, Dns, Stp, Other };
inline constexpr std::array<FrameClass, 8> kFrameClasses = {
    FrameClass::Arp,  FrameClass::Icmp, FrameClass::Udp, FrameClass::Tcp,
    FrameClass::Dhcp, FrameClass::Dns,  FrameClass::Stp, FrameClass::Other};

std::string_view to_string(FrameClass c);  // legend words: "ARP", "ICMP", ..., "STP (BPDU)"

struct FrameLook {
  FrameClass frame_class = FrameClass::Other;
  std::optional<uint16_t> vlan;  // the 802.1Q VID when the frame is tagged
};
FrameLook classify_frame(std::span<const uint8_t> frame);
FrameLook classify_frame(const wire::FrameInfo& info);  // from a decode the caller has

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};
Rgb frame_class_colour(FrameClass c);

}  // namespace netsim::viz
