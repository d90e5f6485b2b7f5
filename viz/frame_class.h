// The protocol classes the animation colours frames by, and their legend colours.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace netsim::viz {

enum class FrameClass : uint8_t { Arp, Icmp, Udp, Tcp, Dhcp, Dns, Other };
inline constexpr std::array<FrameClass, 7> kFrameClasses = {
    FrameClass::Arp,  FrameClass::Icmp, FrameClass::Udp,  FrameClass::Tcp,
    FrameClass::Dhcp, FrameClass::Dns,  FrameClass::Other};

std::string_view to_string(FrameClass c);  // legend words: "ARP", "ICMP", ...
FrameClass classify_frame(std::span<const uint8_t> frame);

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};
Rgb frame_class_colour(FrameClass c);

}  // namespace netsim::viz
