// Checking a spanning-tree expectation: root, root port and cost, each
// port's state and role. RSTP's "discarding" and 802.1D's "blocking" are one
// word to expectations; "disabled" in rstp mode is a port in the disabled role.
#include "sim/scenario/stp_expect.h"

#include <optional>

namespace netsim::scenario {

namespace {
std::optional<uint32_t> port_index(const devices::StpEngine& engine, const std::string& name) {
  for (uint32_t p = 0; p < engine.port_count(); ++p)
    if (engine.port_config(p).name == name) return p;
  return std::nullopt;
}

bool state_matches(const devices::StpEngine& engine, uint32_t p, const std::string& word) {
  using devices::PortState;
  const PortState state = engine.state(p);
  if (word == "blocking" || word == "discarding")
    return state == PortState::Blocking ||
           (state == PortState::Disabled && engine.mode() == devices::StpMode::Rstp);
  if (word == "disabled")
    return state == PortState::Disabled ||
           (engine.mode() == devices::StpMode::Rstp && engine.role(p) == devices::PortRole::Disabled);
  return word == to_string(state);
}

void add(std::string& text, const std::string& part) { text += (text.empty() ? "" : ", ") + part; }
}  // namespace

bool stp_holds(const StpExpect& x, const devices::StpEngine& engine, std::string& found) {
  bool ok = true;
  if (x.root) {
    const std::string root = engine.bridge_name(engine.root_id());
    ok = ok && root == *x.root;
    add(found, "root " + root);
  }
  if (x.root_port) {
    const auto p = engine.root_port();
    const std::string name = p ? engine.port_config(*p).name : "none";
    ok = ok && name == *x.root_port;
    add(found, "root_port " + name);
  }
  if (x.root_cost) {
    ok = ok && engine.root_path_cost() == *x.root_cost;
    add(found, "root_cost " + std::to_string(engine.root_path_cost()));
  }
  for (const auto& [port, word] : x.ports) {
    const auto p = port_index(engine, port);
    if (!p) {
      ok = false;
      add(found, port + " not in the spanning tree");
      continue;
    }
    ok = ok && state_matches(engine, *p, word);
    add(found, port + " " + std::string(engine.state_name(engine.state(*p))));
  }
  for (const auto& [port, word] : x.roles) {
    const auto p = port_index(engine, port);
    const std::string role = p ? std::string(to_string(engine.role(*p))) : "not in the spanning tree";
    ok = ok && p && role == word;
    add(found, port + " role " + role);
  }
  return ok;
}

std::string describe(const StpExpect& x) {
  std::string text;
  if (x.root) add(text, "root " + *x.root);
  if (x.root_port) add(text, "root_port " + *x.root_port);
  if (x.root_cost) add(text, "root_cost " + std::to_string(*x.root_cost));
  for (const auto& [port, word] : x.ports) add(text, port + " " + word);
  for (const auto& [port, word] : x.roles) add(text, port + " role " + word);
  return text;
}

}  // namespace netsim::scenario
