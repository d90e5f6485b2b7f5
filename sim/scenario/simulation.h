// A scenario made runnable: the network built from the model (nodes, ports,
// links, routes, apps, timed events) and the run loop with the contract's
// end-of-run rule and limits.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "devices/bridge/stp_engine.h"
#include "devices/ip_host.h"
#include "sim/core/context.h"
#include "sim/net/link.h"
#include "sim/net/node.h"
#include "sim/scenario/model.h"

namespace netsim::lang {
class RunningApp;
}
namespace netsim::devices {
class AutoRouting;
}

namespace netsim::scenario {

class NodeServices;
class ScratchFolder;

struct RunOptions {
  std::optional<Time> stop;        // overrides the scenario's `stop`
  std::optional<uint64_t> seed;    // overrides the scenario's `seed`
  Time max_time = seconds(3600);
  uint64_t max_events = UINT64_MAX;
  // Asked every kEventsPerProgress events with the clock and the events run;
  // false ends the run at once (Ctrl-C, a wall-clock timeout): Interrupted.
  std::function<bool(Time now, uint64_t events)> progress;
  std::string keep_files;  // --keep-files DIR: Python programs' scratch folder, kept
};
constexpr uint64_t kEventsPerProgress = 1 << 16;

enum class StopReason { Quiet, StopTime, MaxTime, MaxEvents, TimeStoodStill, Interrupted };

// So many events at one instant mean the run can never advance (an app in
// `while True: sleep(0)`, a zero-delay loop): the run stops and says so.
constexpr uint64_t kMaxEventsAtOneInstant = 10'000'000;
std::string_view to_string(StopReason r);

class Simulation {
 public:
  // Builds the network. Throws ScenarioError for what only building reveals.
  Simulation(const Scenario& scenario, const RunOptions& options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Context& ctx() { return ctx_; }
  const Scenario& scenario() const { return scenario_; }
  // Schedules apps and events; runs until the end-of-run rule or a limit.
  StopReason run();
  // When the run ended (the stop time, or the last event's time).
  Time end_time() const { return end_; }

  Node* find_node(std::string_view name) const;
  lang::RunningApp* find_app(std::string_view name) const;
  const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }
  const std::vector<std::unique_ptr<Link>>& links() const { return links_; }
  // Every node:iface, in build order (pcap files, the animation).
  std::vector<std::pair<std::string, std::string>> interfaces() const;
  // Runs `probe` with the clock at `t` (a timed expect check). Probes do not
  // keep the run alive; those after the end run once the clock is moved there.
  void add_probe(Time t, std::function<void()> probe);

 private:
  void build_nodes();
  void build_links();
  // Switch ports exist once links name them: their VLANs are set after.
  void build_switch_ports();
  // Spanning tree on the switches that run it, once ports and links exist.
  void build_spanning_trees();
  void build_routes();
  // DHCP clients, servers and relays, as daemons of their nodes.
  void build_dhcp();
  void build_apps();
  void schedule_events();
  void apply(const EventSpec& ev);
  void topology_note(std::string text, std::string_view node, const Link* link = nullptr);
  Link* find_link(const EndpointSpec& a, const EndpointSpec& b) const;
  wire::MacAddress derive_mac(const std::string& node, const std::string& iface);
  // A switch's own MAC (an l3switch's SVIs share it): `mac:`, else derived once per node.
  wire::MacAddress bridge_mac(const NodeSpec& n);
  static devices::IpNodeConfig ip_config(const NodeSpec& n);

  const Scenario& scenario_;
  RunOptions options_;
  Context ctx_;
  std::map<std::string, wire::MacAddress> bridge_macs_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::map<std::string, Node*, std::less<>> node_by_name_;
  std::vector<std::unique_ptr<Link>> links_;
  std::unique_ptr<devices::AutoRouting> auto_routing_;
  std::vector<std::unique_ptr<NodeServices>> services_;
  std::unique_ptr<ScratchFolder> scratch_;  // what Python programs write
  std::vector<std::unique_ptr<lang::RunningApp>> apps_;
  std::map<std::string, lang::RunningApp*, std::less<>> app_by_name_;
  std::set<wire::MacAddress> used_macs_;
  devices::BridgeNames bridge_names_;  // bridge IDs to node names, for the trace and expectations
  struct Probe {
    Time at;
    std::function<void()> check;
    bool done = false;
  };
  std::vector<Probe> probes_;
  Time end_{0};
};

}  // namespace netsim::scenario
