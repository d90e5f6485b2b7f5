// The animation's picture of a scenario (nodes, links, switch ports and VLANs) and its run.
#include "sim/cli/animate_input.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace netsim::cli {

namespace {
// A switch port's VLANs as the scenario set them; a port it does not list is in VLAN 1.
viz::PortVlans port_vlans(const scenario::NodeSpec& n, const std::string& port) {
  viz::PortVlans v;
  for (const scenario::PortSpec& p : n.ports) {
    if (p.name != port) continue;
    v.access = static_cast<uint16_t>(p.vlan);
    for (int vid : p.trunk) v.trunk.push_back(static_cast<uint16_t>(vid));
    std::sort(v.trunk.begin(), v.trunk.end());
    if (p.native) v.native = static_cast<uint16_t>(*p.native);
  }
  return v;
}

}  // namespace

viz::Topology topology_of(const scenario::Scenario& sc) {
  viz::Topology t;
  t.title = sc.name.empty() ? sc.file : sc.name;
  for (const scenario::NodeSpec& n : sc.nodes) {
    viz::TopologyNode node{.name = n.name, .kind = n.kind, .pos = n.pos, .mac_aging = n.mac_aging};
    const bool several = n.interfaces.size() > 1;
    for (const scenario::InterfaceSpec& i : n.interfaces) {
      if (i.ip) node.addresses.push_back((several ? i.name + " " : "") + i.ip->to_string());
      if (i.vlan != 0)
        node.svis.push_back({static_cast<uint16_t>(i.vlan), i.name, i.ip ? i.ip->to_string() : ""});
    }
    t.nodes.push_back(std::move(node));
  }
  for (const scenario::LinkSpec& l : sc.links) {
    const auto a = t.find_node(l.a.node), b = t.find_node(l.b.node);
    if (a && b) t.links.push_back({{*a, l.a.iface}, {*b, l.b.iface}});
  }
  // Switch ports are the ones links name.
  for (const viz::TopologyLink& l : t.links)
    for (const viz::TopologyEnd* end : {&l.a, &l.b}) {
      viz::TopologyNode& node = t.nodes[end->node];
      if (node.kind != NodeKind::Switch && node.kind != NodeKind::L3Switch) continue;
      node.ports.push_back({end->iface, port_vlans(sc.nodes[end->node], end->iface)});
    }
  for (viz::TopologyNode& node : t.nodes)
    std::sort(node.ports.begin(), node.ports.end(),
              [](const viz::TopologyPort& x, const viz::TopologyPort& y) {
                return viz::natural_less(x.name, y.name);
              });
  return t;
}

scenario::RunOptions run_options(const ParsedArgs& args) {
  scenario::RunOptions run;
  run.stop = duration_flag(args, "--stop");
  if (const auto seed = number_flag(args, "--seed", 0, UINT64_MAX)) run.seed = *seed;
  return run;
}

void require_display(const char* command) {
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0')
    throw std::runtime_error(std::string(command) +
                             " draws with OpenGL and needs an X display, and DISPLAY is not set; "
                             "without a screen run it as: xvfb-run -a netsim " + command + " ...");
}

void record_run(const scenario::Scenario& sc, const scenario::RunOptions& run,
                viz::Recording& recording) {
  scenario::Simulation sim(sc, run);
  sim.ctx().trace().add_sink(&recording);
  sim.run();
  // The sink copied what it needs: names, text and frame bytes live in the recording.
}

}  // namespace netsim::cli
