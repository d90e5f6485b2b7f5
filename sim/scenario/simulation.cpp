#include "sim/scenario/simulation.h"

#include <algorithm>

#include "devices/dhcp/dhcp_agent.h"
#include "devices/dhcp/dhcp_client.h"
#include "devices/hub.h"
#include "devices/ip_node.h"
#include "devices/l3switch.h"
#include "devices/routing/auto_routing.h"
#include "devices/switch.h"
#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/python_support.h"
#include "sim/scenario/node_services.h"

namespace netsim::scenario {

std::string_view to_string(StopReason r) {
  switch (r) {
    case StopReason::Quiet: return "nothing more can happen";
    case StopReason::StopTime: return "stop time reached";
    case StopReason::MaxTime: return "--max-time reached";
    case StopReason::MaxEvents: return "--max-events reached";
    case StopReason::TimeStoodStill: return "time stood still (too many events at one instant)";
    case StopReason::Interrupted: return "interrupted";
  }
  return "stopped";
}

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario), options_(options), ctx_(options.seed.value_or(scenario.seed)) {
  build_nodes();
  build_links();
  build_switch_ports();
  build_spanning_trees();
  build_routes();
  build_dhcp();
  build_apps();
}

Simulation::~Simulation() = default;

wire::MacAddress Simulation::derive_mac(const std::string& node, const std::string& iface) {
  // Locally administered unicast 02:4e:53 ("NS") plus 24 bits of a hash of
  // the name: adding a node never changes another node's MACs. (02:01-02:20
  // would read as Microsoft NLB in Wireshark.) Collisions take the next hash.
  std::string key = node + ":" + iface;
  for (;;) {
    const uint64_t h = fnv1a64(key);
    wire::MacAddress mac{{0x02, 0x4e, 0x53, static_cast<uint8_t>(h >> 16), static_cast<uint8_t>(h >> 8),
                          static_cast<uint8_t>(h)}};
    if (used_macs_.insert(mac).second) return mac;
    key += "'";
  }
}

wire::MacAddress Simulation::bridge_mac(const NodeSpec& n) {
  if (n.mac) return *n.mac;
  auto it = bridge_macs_.find(n.name);
  if (it == bridge_macs_.end()) it = bridge_macs_.emplace(n.name, derive_mac(n.name, "bridge")).first;
  return it->second;
}

devices::IpNodeConfig Simulation::ip_config(const NodeSpec& n) {
  devices::IpNodeConfig config;
  config.arp_timeout = n.arp_timeout;
  config.arp_nud = n.arp_nud;
  config.gateway = n.gateway;
  config.routing_auto = n.routing_auto;
  config.tcp = n.tcp;
  config.dns_servers = n.dns;
  config.hosts = n.hosts;
  return config;
}

void Simulation::build_nodes() {
  // Given MACs first, so derived ones avoid them.
  for (const NodeSpec& n : scenario_.nodes) {
    if (n.mac) used_macs_.insert(*n.mac);
    for (const InterfaceSpec& i : n.interfaces)
      if (i.mac) used_macs_.insert(*i.mac);
  }

  for (const NodeSpec& n : scenario_.nodes) {
    std::unique_ptr<Node> node;
    switch (n.kind) {
      case NodeKind::Hub:
        node = std::make_unique<devices::Hub>(ctx_, n.name);
        break;
      case NodeKind::Switch:
        node = std::make_unique<devices::Switch>(ctx_, n.name, n.mac_aging);
        break;
      case NodeKind::L3Switch: {
        auto l3 =
            std::make_unique<devices::L3Switch>(ctx_, n.name, n.mac_aging, bridge_mac(n), ip_config(n));
        for (const InterfaceSpec& i : n.interfaces)  // its SVIs, from `vlans`
          l3->add_vlan_interface(static_cast<uint16_t>(i.vlan), i.ip);
        node = std::move(l3);
        break;
      }
      case NodeKind::Host:
      case NodeKind::Router: {
        auto ip = std::make_unique<devices::IpNode>(ctx_, n.name, n.kind, ip_config(n));
        for (const InterfaceSpec& i : n.interfaces)
          ip->add_interface(i.name, i.mac ? *i.mac : derive_mac(n.name, i.name), i.ip);
        node = std::move(ip);
        break;
      }
    }
    if (n.has_netfilter()) devices::ip_host(*node)->enable_netfilter(n.netfilter);
    if (n.dns_server) devices::ip_host(*node)->start_dns_server(*n.dns_server);
    node_by_name_.emplace(n.name, node.get());
    nodes_.push_back(std::move(node));
  }
}

void Simulation::build_links() {
  for (const LinkSpec& l : scenario_.links) {
    Port* ends[2];
    const EndpointSpec* specs[2] = {&l.a, &l.b};
    for (int i = 0; i < 2; ++i) {
      Node* node = find_node(specs[i]->node);
      Port* port = node->find_port(specs[i]->iface);
      if (!port) {
        if (node->kind() != NodeKind::Hub && !dynamic_cast<devices::Switch*>(node))
          throw ScenarioError(scenario_.file, specs[i]->loc,
                              "'" + specs[i]->text() + "' is not an interface of " + node->name(),
                              "declare it under the node's interfaces");
        port = &node->add_port(specs[i]->iface, derive_mac(node->name(), specs[i]->iface));
      }
      ends[i] = port;
    }
    const std::string name = l.a.text() + "-" + l.b.text();
    links_.push_back(std::make_unique<Link>(*ends[0], *ends[1], l.params, ctx_.stream("link:" + name)));
  }
}

void Simulation::build_switch_ports() {
  for (const NodeSpec& n : scenario_.nodes) {
    auto* sw = dynamic_cast<devices::Switch*>(find_node(n.name));
    if (!sw) continue;
    for (const PortSpec& p : n.ports) {
      const Port* port = sw->find_port(p.name);  // the loader checked that a link names it
      if (p.trunk.empty()) {
        sw->bridge().set_vlans(port->index(), devices::VlanConfig::access(static_cast<uint16_t>(p.vlan)));
        continue;
      }
      std::vector<uint16_t> vids(p.trunk.begin(), p.trunk.end());
      std::optional<uint16_t> native;
      if (p.native) native = static_cast<uint16_t>(*p.native);
      sw->bridge().set_vlans(port->index(), devices::VlanConfig::trunk(vids, native));
    }
  }
}

void Simulation::build_spanning_trees() {
  for (const NodeSpec& n : scenario_.nodes) {
    auto* sw = dynamic_cast<devices::Switch*>(find_node(n.name));
    if (!sw || !n.stp) continue;
    std::vector<std::string> names;
    for (const auto& port : sw->ports()) names.push_back(port->name());
    const std::vector<uint16_t> numbers = devices::stp_port_numbers(names);
    std::vector<devices::StpPortConfig> ports;
    for (size_t i = 0; i < names.size(); ++i) {
      devices::StpPortConfig c;
      c.name = names[i];
      c.number = numbers[i];
      c.path_cost = devices::stp_path_cost(sw->ports()[i]->link()->params().bandwidth_bps);
      for (const PortSpec& spec : n.ports)
        if (spec.name == names[i]) {
          c.priority = spec.stp_priority;
          c.edge = spec.edge;
          if (spec.stp_cost) c.path_cost = *spec.stp_cost;
        }
      ports.push_back(c);
    }
    const wire::MacAddress mac = bridge_mac(n);
    sw->enable_stp(*n.stp, mac, std::move(ports), &bridge_names_);
    bridge_names_.add(wire::BridgeId::make(n.stp->priority, mac), n.name);
  }
}

void Simulation::build_routes() {
  bool any_auto = false;
  for (const NodeSpec& n : scenario_.nodes) {
    devices::IpHost* ip = devices::ip_host(*find_node(n.name));
    if (!ip) continue;
    for (const RouteSpec& r : n.routes) {
      if (!ip->add_static_route(r.to, r.via, r.dev))
        throw ScenarioError(scenario_.file, r.loc,
                            "route to " + r.to.to_string() + ": next hop " + (r.via ? r.via->to_string() : r.dev) +
                                " is not on any of " + n.name + "'s connected networks",
                            "a next hop must be reachable through one of the node's interfaces");
    }
    any_auto = any_auto || n.routing_auto;
  }
  if (any_auto) {
    std::vector<Node*> all;
    for (auto& n : nodes_) all.push_back(n.get());
    auto_routing_ = std::make_unique<devices::AutoRouting>(std::move(all));
    auto_routing_->recompute();
  }
}

void Simulation::build_dhcp() {
  for (const NodeSpec& n : scenario_.nodes) {
    devices::IpHost* ip = devices::ip_host(*find_node(n.name));
    if (!ip) continue;
    devices::DhcpClient* client = nullptr;
    for (const InterfaceSpec& i : n.interfaces) {
      if (!i.dhcp) continue;
      if (!client)
        client = &static_cast<devices::DhcpClient&>(
            ip->add_daemon(std::make_unique<devices::DhcpClient>(*ip)));
      client->add_interface(*ip->stack().find_interface(i.name));
    }
    if (n.dhcp_server.empty() && n.dhcp_relay.empty()) continue;
    auto agent = std::make_unique<devices::DhcpAgent>(*ip);
    if (!n.dhcp_server.empty()) agent->serve(n.dhcp_server);
    if (!n.dhcp_relay.empty()) agent->relay(n.dhcp_relay);
    ip->add_daemon(std::move(agent));
  }
}

void Simulation::build_apps() {
  for (const AppSpec& a : scenario_.apps) {
    const NodeSpec* spec = scenario_.find_node(a.node);
    devices::IpHost* ip = devices::ip_host(*find_node(a.node));
    services_.push_back(std::make_unique<NodeServices>(*ip, spec->call_time));
    if (a.python) {
      if (!scratch_) scratch_ = std::make_unique<ScratchFolder>(options_.keep_files);
      const uint64_t seed = ctx_.stream("python:" + a.name).next_u64();
      apps_.push_back(python_support()->make_app(a.name, *a.python, *services_.back(), seed,
                                                 scratch_->path()));
    } else {
      apps_.push_back(std::make_unique<lang::App>(a.name, a.program, *services_.back()));
    }
    app_by_name_.emplace(a.name, apps_.back().get());
  }
}

Node* Simulation::find_node(std::string_view name) const {
  auto it = node_by_name_.find(name);
  return it == node_by_name_.end() ? nullptr : it->second;
}

lang::RunningApp* Simulation::find_app(std::string_view name) const {
  auto it = app_by_name_.find(name);
  return it == app_by_name_.end() ? nullptr : it->second;
}

std::vector<std::pair<std::string, std::string>> Simulation::interfaces() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : nodes_)
    for (const auto& p : n->ports()) out.emplace_back(n->name(), p->name());
  return out;
}

Link* Simulation::find_link(const EndpointSpec& a, const EndpointSpec& b) const {
  for (const auto& l : links_) {
    auto is = [](const Port& p, const EndpointSpec& e) { return p.node().name() == e.node && p.name() == e.iface; };
    if ((is(l->a(), a) && is(l->b(), b)) || (is(l->a(), b) && is(l->b(), a))) return l.get();
  }
  return nullptr;
}

void Simulation::topology_note(std::string text, std::string_view node, const Link* link) {
  // Structured as well as said: a link event names both ends, a node event the node.
  TraceEvent e;
  e.kind = TraceKind::Topology;
  e.time = ctx_.now();
  e.text = text;
  e.node = node;
  if (link) {
    e.node = link->a().node().name();
    e.iface = link->a().name();
    e.peer_node = link->b().node().name();
    e.peer_iface = link->b().name();
  }
  ctx_.trace().emit(e);
}

void Simulation::apply(const EventSpec& ev) {
  using Kind = EventSpec::Kind;
  switch (ev.kind) {
    case Kind::LinkDown:
    case Kind::LinkUp:
    case Kind::SetLink: {
      Link* link = find_link(ev.a, ev.b);
      std::string what = "link " + link->name();
      if (ev.kind == Kind::SetLink) {
        LinkParams& p = link->params();
        if (ev.bandwidth_bps) p.bandwidth_bps = *ev.bandwidth_bps;
        if (ev.delay) p.delay = *ev.delay;
        if (ev.loss) p.loss = *ev.loss;
        if (ev.mtu) p.mtu = *ev.mtu;
        if (ev.queue) p.queue = *ev.queue;
        if (ev.cost) p.cost = *ev.cost;
        topology_note(what + " changed: bandwidth " + std::to_string(p.bandwidth_bps) + "bps, delay " +
                      format_duration(p.delay) + ", loss " + std::to_string(p.loss) + ", cost " + std::to_string(p.cost),
                      {}, link);
      } else {
        const bool up = ev.kind == Kind::LinkUp;
        link->set_up(up);
        if (!up) {
          link->a().flush();
          link->b().flush();
        }
        topology_note(what + (up ? " up" : " down"), {}, link);
        link->a().node().link_changed(link->a());
        link->b().node().link_changed(link->b());
      }
      break;
    }
    case Kind::NodeDown:
    case Kind::NodeUp: {
      const bool up = ev.kind == Kind::NodeUp;
      Node* node = find_node(ev.node);
      node->set_up(up);
      topology_note("node " + ev.node + (up ? " up" : " down"), ev.node);
      // A crashed node's links carry nothing: to its neighbours each is a
      // link down (spanning tree disables those ports), and up again after.
      for (const auto& port : node->ports())
        if (Port* peer = port->peer()) peer->node().link_changed(*peer);
      break;
    }
    case Kind::ClearArp:
      if (auto* stack = devices::ip_stack(*find_node(ev.node))) stack->clear_arp();
      topology_note("ARP cache of " + ev.node + " cleared", ev.node);
      return;
    case Kind::ClearDnsCache:
      if (auto* ip = devices::ip_host(*find_node(ev.node))) ip->clear_dns_caches();
      topology_note("DNS cache of " + ev.node + " cleared", ev.node);
      return;
    case Kind::ClearMacTable:
      if (auto* sw = dynamic_cast<devices::Switch*>(find_node(ev.node))) sw->clear_mac_table();
      topology_note("MAC table of " + ev.node + " cleared", ev.node);
      return;
    case Kind::DhcpRelease:
      topology_note("DHCP release on " + ev.a.text(), ev.node);
      for (const auto& d : devices::ip_host(*find_node(ev.node))->daemons())
        if (auto* client = dynamic_cast<devices::DhcpClient*>(d.get())) client->release(ev.a.iface);
      return;
  }
  if (auto_routing_) auto_routing_->recompute();
}

void Simulation::add_probe(Time t, std::function<void()> probe) { probes_.push_back({t, std::move(probe)}); }

void Simulation::schedule_events() {
  Scheduler& s = ctx_.scheduler();
  for (size_t i = 0; i < scenario_.apps.size(); ++i) {
    lang::RunningApp* app = apps_[i].get();
    s.schedule_for(find_node(scenario_.apps[i].node)->actor(), scenario_.apps[i].start, [app] { app->start(); });
  }
  for (const EventSpec& ev : scenario_.events) s.schedule_at(ev.at, [this, &ev] { apply(ev); });
  std::stable_sort(probes_.begin(), probes_.end(), [](const Probe& a, const Probe& b) { return a.at < b.at; });
  for (Probe& p : probes_)
    s.schedule_at(p.at, [&p] {
      p.done = true;
      p.check();
    }, EventKind::Background);
}

StopReason Simulation::run() {
  for (auto& node : nodes_)
    if (auto* stack = devices::ip_stack(*node)) {
      Scheduler::Acting as(ctx_.scheduler(), node->actor());
      stack->announce_routes();
    }
  for (auto& node : nodes_) {
    Scheduler::Acting as(ctx_.scheduler(), node->actor());
    node->start();
  }
  schedule_events();
  Scheduler& s = ctx_.scheduler();
  const std::optional<Time> stop = options_.stop ? options_.stop : scenario_.stop;
  const Time limit = stop ? std::min(*stop, options_.max_time) : options_.max_time;
  StopReason reason = StopReason::Quiet;
  uint64_t events_at_instant = 0;
  for (;;) {
    if (!stop && s.essential_pending() == 0) break;  // the end-of-run rule
    const Time next = s.next_time();
    if (next == kTimeNever) break;
    if (next > limit) {
      reason = stop && *stop <= options_.max_time ? StopReason::StopTime : StopReason::MaxTime;
      s.advance_to(limit);
      break;
    }
    if (s.events_run() >= options_.max_events) {
      reason = StopReason::MaxEvents;
      break;
    }
    events_at_instant = next == s.now() ? events_at_instant + 1 : 0;
    if (events_at_instant >= kMaxEventsAtOneInstant) {
      reason = StopReason::TimeStoodStill;
      break;
    }
    if (options_.progress && s.events_run() % kEventsPerProgress == 0 &&
        !options_.progress(s.now(), s.events_run())) {
      reason = StopReason::Interrupted;
      break;
    }
    s.run_next();
  }
  // A stop asked for while a Python program held the run reached the program
  // as KeyboardInterrupt; the run may then have run dry, but it was interrupted.
  if (options_.progress && reason != StopReason::Interrupted && !options_.progress(s.now(), s.events_run()))
    reason = StopReason::Interrupted;
  if (stop && reason == StopReason::Quiet) {
    reason = StopReason::StopTime;
    s.advance_to(std::min(*stop, options_.max_time));
  }
  end_ = s.now();
  if (reason != StopReason::Quiet) {
    TraceEvent e;
    e.kind = TraceKind::Note;
    e.time = end_;
    const std::string text = "run stopped: " + std::string(to_string(reason));
    e.text = text;
    ctx_.trace().emit(e);
  }
  // Timed checks after the end see the final state, with the clock at their
  // time; an interrupted run never got there.
  for (Probe& p : probes_)
    if (!p.done && reason != StopReason::Interrupted) {
      s.advance_to(p.at);
      p.done = true;
      p.check();
    }
  ctx_.trace().finish(end_);
  return reason;
}

}  // namespace netsim::scenario
