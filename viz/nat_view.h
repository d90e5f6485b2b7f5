// Both sides of a frame that a NAT router or a virtual server rewrote, read
// from the devices' "nat" and "virtual servers" table rows (the flow as the
// inside sees it, and what it becomes on the other side), never from a device.
#pragma once
#include <string>
#include <vector>

#include "sim/wire/frame_info.h"
#include "viz/recording.h"

namespace netsim::viz {

// One line per translation the frame took part in (on either side, either
// direction) while its row was live: "NAT at r1: inside 192.168.1.10:40000
// <-> outside 203.0.113.1:21210 (this frame: outside)". `sent` and `arrival`
// bound the frame's time on its link: a flow's first frame is on the inside
// link before the router adds the row, at its arrival.
std::vector<std::string> translation_lines(const Recording& recording, const wire::FrameInfo& frame,
                                           Time sent, Time arrival);

}  // namespace netsim::viz
