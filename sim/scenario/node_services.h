// AppServices over a device's IPv4 stack: what the interpreter's calls
// (print, name resolution, ping, traceroute, sockets) become on a real node.
#pragma once
#include "devices/ip_host.h"
#include "sim/scenario/lang/services.h"

namespace netsim::scenario {

class NodeServices : public lang::AppServices {
 public:
  NodeServices(devices::IpHost& ip, Time call_time) : ip_(ip), call_time_(call_time) {}

  Scheduler& scheduler() override { return ip_.node().ctx().scheduler(); }
  void print(std::string_view app, std::string_view line) override;
  void app_status(std::string_view app, std::string_view status) override;
  bool explaining() const override { return ip_.node().ctx().trace().decisions_enabled(); }
  void explain(std::string_view app, std::string_view text) override;
  // The node's stub resolver: a dotted quad, the hosts file, its cache, DNS.
  void resolve(std::string_view name, ResolveDone done) override;
  void ping(wire::Ipv4Address dst, int count, PingDone done) override;
  void traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done) override;
  devices::SocketTable* sockets() override { return &ip_.sockets(); }
  Time call_time() const override { return call_time_; }

 private:
  void emit(TraceKind kind, std::string_view app, std::string_view text);

  devices::IpHost& ip_;
  Time call_time_;
};

}  // namespace netsim::scenario
