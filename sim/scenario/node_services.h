// AppServices over a device's IPv4 stack: what the interpreter's calls
// (print, name resolution, ping, traceroute, sockets) become on a real node.
#pragma once
#include "devices/ip_host.h"
#include "sim/scenario/lang/services.h"
#include "sim/scenario/model.h"

namespace netsim::scenario {

class NodeServices : public lang::AppServices {
 public:
  NodeServices(devices::IpHost& ip, const NodeSpec& spec) : ip_(ip), spec_(spec) {}

  Scheduler& scheduler() override { return ip_.node().ctx().scheduler(); }
  void print(std::string_view app, std::string_view line) override;
  void app_status(std::string_view app, std::string_view status) override;
  // The resolver hook: a dotted quad, then the hosts file. DNS servers
  // (`dns:`) slot in here after the hosts file.
  void resolve(std::string_view name, ResolveDone done) override;
  void ping(wire::Ipv4Address dst, int count, PingDone done) override;
  void traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done) override;
  devices::SocketTable* sockets() override { return &ip_.sockets(); }

 private:
  void emit(TraceKind kind, std::string_view app, std::string_view text);

  devices::IpHost& ip_;
  const NodeSpec& spec_;
};

}  // namespace netsim::scenario
