#include "sim/scenario/node_services.h"

#include "devices/dns/stub_resolver.h"

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

void NodeServices::explain(std::string_view app, std::string_view text) {
  const Context& ctx = ip_.node().ctx();
  ctx.trace().decision(ctx.now(), Layer::Application, ip_.node().name(), app, [&] { return std::string(text); });
}

void NodeServices::resolve(std::string_view name, ResolveDone done) {
  ip_.resolver().resolve(name, std::move(done));
}

void NodeServices::ping(wire::Ipv4Address dst, int count, PingDone done) {
  ip_.stack().ping(dst, count, std::move(done));
}

void NodeServices::traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done) {
  ip_.stack().traceroute(dst, max_hops, std::move(done));
}

}  // namespace netsim::scenario
