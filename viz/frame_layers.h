// A frame at the device that receives it, layer by layer (Packet Tracer's
// "OSI model" tab): what arrived (L1, L2, L3), what the device decided (its
// --explain lines at that instant, each tagged with the layer it belongs to),
// and what left (the same frame sent on, as the trace saw it). Plus a hex view.
// A decision's layer is the one its device named when it made it (Layer).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "viz/recording.h"

namespace netsim::viz {

// `sent`: a FrameSent event. Empty when nobody received it (lost on the wire).
std::vector<std::string> osi_lines(const Recording& recording, uint32_t sent);

// "0000  ff ff ff ff ff ff 02 4e  53 52 fb 56 08 06 00 01  .......NSR.V...."
// for the first `max_bytes` bytes, then a line saying how many more there are.
std::vector<std::string> hex_lines(std::span<const uint8_t> bytes, size_t max_bytes = 256);

}  // namespace netsim::viz
