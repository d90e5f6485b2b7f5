// A frame at the device that receives it, layer by layer (Packet Tracer's
// "OSI model" tab): what arrived (L1, L2, L3), what the device decided (its
// --explain lines at that instant, each tagged with the layer it belongs to),
// and what left (the same frame sent on, as the trace saw it). Plus a hex view.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "viz/recording.h"

namespace netsim::viz {

// "L2", "L3", "L4", "L7" or "  " for a decision's text, from its first words
// ("ARP ..." L2, "forwarded ..." L3, "NAT ..." L4, "DNS ..." L7).
std::string_view decision_layer(std::string_view decision);

// `sent`: a FrameSent event. Empty when nobody received it (lost on the wire).
std::vector<std::string> osi_lines(const Recording& recording, uint32_t sent);

// "0000  ff ff ff ff ff ff 02 4e  53 52 fb 56 08 06 00 01  .......NSR.V...."
// for the first `max_bytes` bytes, then a line saying how many more there are.
std::vector<std::string> hex_lines(std::span<const uint8_t> bytes, size_t max_bytes = 256);

}  // namespace netsim::viz
