// Frame classes come from the one shared decode (wire::decode_frame), so the
// colours agree with the trace's and expect's idea of a frame's protocol.
#include "viz/frame_class.h"

#include "sim/wire/frame_info.h"

namespace netsim::viz {

std::string_view to_string(FrameClass c) {
  switch (c) {
    case FrameClass::Arp:
      return "ARP";
    case FrameClass::Icmp:
      return "ICMP";
    case FrameClass::Udp:
      return "UDP";
    case FrameClass::Tcp:
      return "TCP";
    case FrameClass::Dhcp:
      return "DHCP";
    case FrameClass::Dns:
      return "DNS";
    case FrameClass::Stp:
      return "STP (BPDU)";
    case FrameClass::Other:
      return "other";
  }
  return "other";
}

namespace {
FrameClass class_of(const wire::FrameInfo& info) {
  const std::string_view proto = info.proto();
  if (proto == "arp") return FrameClass::Arp;
  if (proto == "icmp") return FrameClass::Icmp;
  if (proto == "dns") return FrameClass::Dns;
  if (proto == "dhcp") return FrameClass::Dhcp;
  if (proto == "udp") return FrameClass::Udp;
  if (proto == "tcp") return FrameClass::Tcp;
  if (proto == "stp") return FrameClass::Stp;
  return FrameClass::Other;
}
}  // namespace

FrameLook classify_frame(std::span<const uint8_t> frame) {
  return classify_frame(wire::decode_frame(frame));
}

FrameLook classify_frame(const wire::FrameInfo& info) {
  return {class_of(info), info.ethernet_ok ? info.eth.vlan : std::nullopt};
}

// Distinct hues that read on the light background and for common colour blindness
// (Okabe-Ito palette plus grey).
Rgb frame_class_colour(FrameClass c) {
  switch (c) {
    case FrameClass::Arp:
      return {230, 159, 0};  // orange
    case FrameClass::Icmp:
      return {0, 114, 178};  // blue
    case FrameClass::Udp:
      return {0, 158, 115};  // green
    case FrameClass::Tcp:
      return {204, 121, 167};  // purple-pink
    case FrameClass::Dhcp:
      return {86, 180, 233};  // sky blue
    case FrameClass::Dns:
      return {213, 94, 0};  // vermilion
    case FrameClass::Stp:
      return {240, 228, 66};  // yellow: the control plane, unlike any data
    case FrameClass::Other:
      return {120, 120, 120};  // grey
  }
  return {120, 120, 120};
}

}  // namespace netsim::viz
