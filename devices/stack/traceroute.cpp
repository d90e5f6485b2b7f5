// Traceroute probes and the matching of ICMP answers to the probe in flight.
#include "devices/stack/traceroute.h"

#include <array>

#include "sim/wire/bytes.h"
#include "sim/wire/udp.h"

namespace netsim::devices {

TracerouteSession::TracerouteSession(Ipv4Stack& stack, uint16_t src_port, wire::Ipv4Address dst,
                                     int max_hops, Ipv4Stack::TracerouteDone done)
    : stack_(stack),
      src_port_(src_port),
      dst_(dst),
      max_hops_(max_hops > 0 ? max_hops : kDefaultMaxHops),
      done_(std::move(done)) {}

TracerouteSession::~TracerouteSession() { timer_.cancel(stack_.ctx().scheduler()); }

void TracerouteSession::start() { send_probe(); }

void TracerouteSession::send_probe() {
  ++ttl_;
  // Linux traceroute's payload: byte i holds 0x40 + i.
  std::array<uint8_t, kDataLen> data;
  for (size_t i = 0; i < kDataLen; ++i) data[i] = static_cast<uint8_t>(0x40 + i);
  const wire::UdpRepr probe{src_port_, static_cast<uint16_t>(kFirstPort + ttl_ - 1), data};
  wire::Ipv4Repr header;
  header.dst = dst_;
  header.protocol = wire::IpProtocol::Udp;
  header.ttl = static_cast<uint8_t>(ttl_);
  Context& ctx = stack_.ctx();
  ctx.trace().decision(ctx.now(), Layer::Application, stack_.node().name(), "", [&] {
    return "traceroute " + dst_.to_string() + ": probe ttl " + std::to_string(ttl_) + " to port " +
           std::to_string(probe.dst_port);
  });
  const SendResult result = stack_.send_datagram(
      header, probe.buffer_len(),
      [&](std::span<uint8_t> out, const wire::Ipv4Repr& h) { probe.emit(out, h.src, h.dst); });
  if (result != SendResult::Sent)  // the probe's second still runs: this hop shows "*"
    ctx.trace().decision(ctx.now(), Layer::Application, stack_.node().name(), "", [&] {
      return "traceroute " + dst_.to_string() + ": probe ttl " + std::to_string(ttl_) +
             " not sent (" + std::string(to_string(result)) + ")";
    });
  timer_.arm(ctx.scheduler(), ctx.now() + kWait,
             [&stack = stack_, port = src_port_] { stack.traceroute_timer(port); });
}

bool TracerouteSession::on_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                                      const wire::Ipv4Repr& quoted,
                                      std::span<const uint8_t> quoted_payload) {
  // The quoted UDP header: source port (ours: the stack routed it here),
  // then destination port, which names the probe.
  if (ttl_ == 0 || quoted.dst != dst_ || quoted_payload.size() < 4 ||
      wire::load_be16(quoted_payload.data() + 2) != kFirstPort + ttl_ - 1)
    return false;  // about an older probe whose second is over
  if (icmp.type == wire::IcmpType::TimeExceeded) {
    hops_.push_back(reporter.to_string());
    return !next_probe_or_end();
  }
  if (icmp.type != wire::IcmpType::DestinationUnreachable) return false;
  hops_.push_back(reporter.to_string());
  timer_.cancel(stack_.ctx().scheduler());
  return true;
}

bool TracerouteSession::on_timer() {
  hops_.push_back("*");
  return !next_probe_or_end();
}

bool TracerouteSession::next_probe_or_end() {
  if (ttl_ >= max_hops_) {
    timer_.cancel(stack_.ctx().scheduler());
    return false;
  }
  send_probe();
  return true;
}

}  // namespace netsim::devices
