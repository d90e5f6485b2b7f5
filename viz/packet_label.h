// The few words on a moving packet (Packet Tracer's envelope labels), and the
// TCP initial sequence numbers that make its numbers relative, as the text
// trace prints them.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/core/time.h"
#include "sim/wire/frame_info.h"

namespace netsim::viz {

// "SYN", "ACK 6", "DATA 1:1449", "ARP?", "ARP!", "DNS A?", "DNS A", "DHCP DISCOVER",
// "ICMP echo", "ICMP reply", "TTL exceeded", "unreachable", "UDP 5000", "BPDU"; "" for other frames.
std::string packet_label(const wire::FrameInfo& info, const wire::TcpSequenceBases& bases);

// Each TCP direction's ISN, from the SYNs seen so far, remembered with their
// times so that a frame looked at later gets the bases it had when it was sent.
class TcpIsns {
 public:
  // Call in time order for every frame that goes on the wire.
  void observe(const wire::FrameInfo& info, Time t);
  // The bases in force at t for the frame's direction (seq) and the opposite (ack).
  wire::TcpSequenceBases at(const wire::FrameInfo& info, Time t) const;

 private:
  using Flow = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;  // src, port, dst, port
  const uint32_t* isn(const Flow& flow, Time t) const;
  std::map<Flow, std::vector<std::pair<Time, uint32_t>>> isns_;
};

}  // namespace netsim::viz
