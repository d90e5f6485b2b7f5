#include "sim/scenario/node_services.h"

namespace netsim::scenario {

void NodeServices::emit(TraceKind kind, std::string_view app, std::string_view text) {
  TraceEvent e;
  e.kind = kind;
  e.time = ip_.node().ctx().now();
  e.node = ip_.node().name();
  e.iface = app;
  e.text = text;
  ip_.node().ctx().trace().emit(e);
}

void NodeServices::print(std::string_view app, std::string_view line) { emit(TraceKind::AppOutput, app, line); }

void NodeServices::app_status(std::string_view app, std::string_view status) {
  emit(TraceKind::AppStatus, app, status);
}

void NodeServices::resolve(std::string_view name, ResolveDone done) {
  std::optional<wire::Ipv4Address> address = wire::Ipv4Address::parse(name);
  if (!address) {
    for (const auto& [host, ip] : spec_.hosts)
      if (host == name) {
        address = ip;
        break;
      }
  }
  if (!address && name == "localhost") address = wire::Ipv4Address{0x7f000001};
  // Completions never run inside the caller: the app resumes from the queue.
  scheduler().schedule_in(Time{0}, [done = std::move(done), address]() mutable { done(address); });
}

void NodeServices::ping(wire::Ipv4Address dst, int count, PingDone done) {
  ip_.stack().ping(dst, count, std::move(done));
}

void NodeServices::traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done) {
  ip_.stack().traceroute(dst, max_hops, std::move(done));
}

}  // namespace netsim::scenario
