// One ping() run: ICMP echo requests like Linux ping's defaults (56 data
// bytes, so 84-byte IP packets; TTL 64; DF set), one per second, each
// waiting up to one second for its reply.
#pragma once
#include <cstdint>
#include <vector>

#include "devices/stack/ipv4_stack.h"

namespace netsim::devices {

class PingSession {
 public:
  static constexpr Time kInterval = seconds(1);  // between requests, and each one's wait
  static constexpr size_t kDataLen = 56;
  static constexpr uint8_t kTtl = 64;

  PingSession(Ipv4Stack& stack, uint16_t identifier, wire::Ipv4Address dst, int count,
              Ipv4Stack::PingDone done);
  PingSession(const PingSession&) = delete;
  PingSession& operator=(const PingSession&) = delete;
  ~PingSession();

  // Sends request 1 (or, for count <= 0, only arms the timer that ends it).
  void start();
  // Both return true when the session has ended: the last request was
  // answered, or its second of waiting ran out.
  bool on_echo_reply(const wire::IcmpRepr& reply);
  bool on_timer();

  int replies() const { return replies_; }
  int sent() const { return sent_; }
  wire::Ipv4Address destination() const { return dst_; }
  Ipv4Stack::PingDone take_done() { return std::move(done_); }

 private:
  void send_request();

  Ipv4Stack& stack_;
  uint16_t identifier_;
  wire::Ipv4Address dst_;
  int count_;
  int sent_ = 0;  // the last request sent has sequence number sent_
  int replies_ = 0;
  bool last_answered_ = false;  // the request with sequence sent_
  Timer timer_;
  Ipv4Stack::PingDone done_;
};

}  // namespace netsim::devices
