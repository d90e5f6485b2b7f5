// One traceroute() run, like Linux traceroute's UDP mode with one probe per
// hop: 32 data bytes (60-byte IP packets), destination port 33434 + ttl - 1,
// TTL 1, 2, ...; the next probe leaves once the previous one is answered or
// its second of waiting ran out.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "devices/stack/ipv4_stack.h"

namespace netsim::devices {

class TracerouteSession {
 public:
  static constexpr uint16_t kFirstPort = 33434;
  static constexpr size_t kDataLen = 32;
  static constexpr Time kWait = seconds(1);
  static constexpr int kDefaultMaxHops = 30;

  TracerouteSession(Ipv4Stack& stack, uint16_t src_port, wire::Ipv4Address dst, int max_hops,
                    Ipv4Stack::TracerouteDone done);
  TracerouteSession(const TracerouteSession&) = delete;
  TracerouteSession& operator=(const TracerouteSession&) = delete;
  ~TracerouteSession();

  void start();
  // An ICMP error quoting a UDP datagram from our source port. Time exceeded
  // about the current probe records the reporter and sends the next probe;
  // unreachable (port unreachable from the destination, or any other code)
  // records it and ends. Returns true when the session has ended.
  bool on_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                     const wire::Ipv4Repr& quoted, std::span<const uint8_t> quoted_payload);
  // The current probe's second ran out: "*". Returns true when ended.
  bool on_timer();

  std::vector<std::string> take_hops() { return std::move(hops_); }
  Ipv4Stack::TracerouteDone take_done() { return std::move(done_); }

 private:
  // Sends the next probe; false when max_hops is reached (the session ends).
  bool next_probe_or_end();
  void send_probe();

  Ipv4Stack& stack_;
  uint16_t src_port_;
  wire::Ipv4Address dst_;
  int max_hops_;
  int ttl_ = 0;  // of the probe in flight
  std::vector<std::string> hops_;
  Timer timer_;
  Ipv4Stack::TracerouteDone done_;
};

}  // namespace netsim::devices
