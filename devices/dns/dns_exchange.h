// One DNS query to one server over its own UDP socket, connected to the
// server as glibc and recursive servers do (a fresh ephemeral port; an ICMP
// port unreachable then reaches it). The answer must come from the server
// with the query's ID and question (RFC 5452 §9.1); anything else is ignored.
#pragma once
#include <optional>
#include <vector>

#include "devices/stack/udp_layer.h"
#include "sim/core/inplace_function.h"
#include "sim/core/scheduler.h"
#include "sim/wire/dns.h"

namespace netsim::devices {

class DnsExchange {
 public:
  enum class Outcome : uint8_t { Answer, Unreachable, Timeout };
  // The answer is null unless the outcome is Answer. The callback may destroy the exchange.
  using Done = InplaceFunction<void(Outcome, const wire::DnsMessage*), 32>;

  DnsExchange(UdpLayer& udp, Context& ctx, std::string node, wire::Ipv4Address server,
              wire::DnsMessage query);
  ~DnsExchange();
  DnsExchange(const DnsExchange&) = delete;
  DnsExchange& operator=(const DnsExchange&) = delete;

  // Sends the query (again: same ID, same port) and waits up to `timeout`.
  // False when it cannot leave (no route, no port): nothing will be called.
  bool send(Time timeout, Done done);
  wire::Ipv4Address server() const { return server_; }
  // Why no answer came, for --explain: "no answer from 10.0.0.2 in 5 s", "10.0.0.2 unreachable
  // (ICMP error)".
  std::string failure(Outcome outcome) const;
  uint16_t source_port() const { return socket_ ? socket_->local().port : 0; }

 private:
  void poll();  // drains the socket, outside the UDP layer's delivery
  void finish(Outcome outcome, const wire::DnsMessage* answer);

  UdpLayer& udp_;
  Context& ctx_;
  std::string node_;
  wire::Ipv4Address server_;
  wire::DnsMessage query_;
  std::vector<uint8_t> bytes_;
  UdpSocket* socket_ = nullptr;
  Done done_;  // empty while no send waits: a late answer is dropped
  Time wait_{0};
  Timer timeout_, poll_;
};

}  // namespace netsim::devices
