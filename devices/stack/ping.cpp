// Ping: one timer drives it. Request k leaves at t0 + (k-1) s; its reply
// counts until request k+1 leaves (or, for the last, one second later).
#include "devices/stack/ping.h"

#include <array>

namespace netsim::devices {

PingSession::PingSession(Ipv4Stack& stack, uint16_t identifier, wire::Ipv4Address dst, int count,
                         Ipv4Stack::PingDone done)
    : stack_(stack), identifier_(identifier), dst_(dst), count_(count), done_(std::move(done)) {}

PingSession::~PingSession() { timer_.cancel(stack_.ctx().scheduler()); }

void PingSession::start() {
  // Linux ping connects its socket first: with no route (say, before a DHCP
  // lease) it stops there, "connect: Network is unreachable", nothing sent.
  if (count_ > 0 && !stack_.route_lookup(dst_) && !stack_.is_local_destination(dst_)) {
    count_ = 0;
    Context& ctx = stack_.ctx();
    ctx.trace().decision(ctx.now(), Layer::Application, stack_.node().name(), "", [&] {
      return "ping " + dst_.to_string() + ": network unreachable, nothing sent";
    });
  }
  if (count_ > 0) {
    send_request();
    return;
  }
  timer_.arm(stack_.ctx().scheduler(), stack_.ctx().now(),
             [&stack = stack_, id = identifier_] { stack.ping_timer(id); });
}

void PingSession::send_request() {
  ++sent_;
  last_answered_ = false;
  // Linux ping's pattern: data byte i holds i.
  std::array<uint8_t, kDataLen> data;
  for (size_t i = 0; i < kDataLen; ++i) data[i] = static_cast<uint8_t>(i);
  const wire::IcmpRepr request{wire::IcmpType::EchoRequest,  0, identifier_,
                               static_cast<uint16_t>(sent_), 0, data};
  wire::Ipv4Repr header;
  header.dst = dst_;
  header.protocol = wire::IpProtocol::Icmp;
  header.ttl = kTtl;
  header.dont_fragment = true;
  Context& ctx = stack_.ctx();
  ctx.trace().decision(ctx.now(), Layer::Application, stack_.node().name(), "", [&] {
    return "ping " + dst_.to_string() + ": echo request seq " + std::to_string(sent_);
  });
  const SendResult result = stack_.send_datagram(
      header, request.buffer_len(),
      [&](std::span<uint8_t> out, const wire::Ipv4Repr&) { request.emit(out); });
  if (result != SendResult::Sent)  // Linux ping: "sendmsg: Network is unreachable", and it goes on
    ctx.trace().decision(ctx.now(), Layer::Application, stack_.node().name(), "", [&] {
      return "ping " + dst_.to_string() + ": request " + std::to_string(sent_) + " not sent (" +
             std::string(to_string(result)) + ")";
    });
  timer_.arm(ctx.scheduler(), ctx.now() + kInterval,
             [&stack = stack_, id = identifier_] { stack.ping_timer(id); });
}

bool PingSession::on_echo_reply(const wire::IcmpRepr& reply) {
  // Only the newest request is still waiting: the others' second is over.
  if (sent_ == 0 || reply.sequence != static_cast<uint16_t>(sent_) || last_answered_) return false;
  last_answered_ = true;
  ++replies_;
  if (sent_ < count_) return false;
  timer_.cancel(stack_.ctx().scheduler());
  return true;
}

bool PingSession::on_timer() {
  if (sent_ >= count_) return true;
  send_request();
  return false;
}

}  // namespace netsim::devices
