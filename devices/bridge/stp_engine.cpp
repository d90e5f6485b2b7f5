// What both spanning-tree engines share: status, trace events, BPDU times.
#include "devices/bridge/stp_engine.h"

#include <algorithm>

#include "devices/bridge/stp_classic.h"
#include "devices/bridge/stp_rapid.h"

namespace netsim::devices {

std::string BridgeNames::name(wire::BridgeId id) const {
  const auto it = names_.find(id.value);
  return it == names_.end() ? id.to_string() : it->second;
}

StpEngine::StpEngine(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
                     const StpBridgeConfig& config, std::vector<StpPortConfig> ports,
                     StpBridgePorts& io, const BridgeNames* names)
    : ctx_(ctx),
      name_(std::move(bridge_name)),
      config_(config),
      bridge_id_(wire::BridgeId::make(config.priority, bridge_mac)),
      port_config_(std::move(ports)),
      io_(io),
      status_(port_config_.size()),
      names_(names) {}

std::string_view StpEngine::state_name(PortState state) const {
  // RSTP has three states: a port that neither learns nor forwards discards.
  if (config_.mode == StpMode::Rstp && (state == PortState::Blocking || state == PortState::Disabled))
    return "discarding";
  return to_string(state);
}

std::string StpEngine::bridge_name(wire::BridgeId id) const {
  return names_ ? names_->name(id) : id.to_string();
}

std::string StpEngine::path_words(wire::BridgeId root, uint32_t cost, wire::BridgeId via) const {
  std::string words = "root " + bridge_name(root) + " cost " + std::to_string(cost);
  if (via != root) words += " via " + bridge_name(via);
  return words;
}

void StpEngine::set_state(uint32_t port, PortState state) {
  Status& s = status_[port];
  if (s.state == state) return;
  const PortState old = s.state;
  s.state = state;
  io_.set_port_state(port, state);
  if (state_name(old) == state_name(state)) return;  // RSTP: disabled and blocking both discard
  explain(port, [&] {
    return std::string(state_name(old)) + " -> " + std::string(state_name(state));
  });
  table_row(port);
}

void StpEngine::change_role(uint32_t port, PortRole role, const std::string& why) {
  Status& s = status_[port];
  const PortRole old = s.role;
  s.role = role;
  explain(port, [&] {
    std::string text = "role " + std::string(to_string(old)) + " -> " + std::string(to_string(role));
    return why.empty() ? text : text + ": " + why;
  });
  table_row(port);
}

void StpEngine::table_row(uint32_t port) const {
  ctx_.trace().table_change(ctx_.now(), name_, "stp", [&] {
    const Status& s = status_[port];
    return std::pair{port_config_[port].name,
                     std::string(to_string(s.role)) + " " + std::string(state_name(s.state))};
  });
}

uint16_t to_bpdu_time(Time t) {
  const int64_t ticks = t.count() * wire::BpduRepr::kTicksPerSecond / 1'000'000'000;
  return static_cast<uint16_t>(std::clamp<int64_t>(ticks, 0, 0xffff));
}

Time from_bpdu_time(uint16_t ticks) {
  return Time{int64_t{ticks} * 1'000'000'000 / wire::BpduRepr::kTicksPerSecond};
}

std::unique_ptr<StpEngine> make_stp_engine(Context& ctx, std::string bridge_name,
                                           wire::MacAddress bridge_mac,
                                           const StpBridgeConfig& config,
                                           std::vector<StpPortConfig> ports, StpBridgePorts& io,
                                           const BridgeNames* names) {
  if (config.mode == StpMode::Rstp)
    return std::make_unique<RapidStp>(ctx, std::move(bridge_name), bridge_mac, config,
                                      std::move(ports), io, names);
  return std::make_unique<ClassicStp>(ctx, std::move(bridge_name), bridge_mac, config,
                                      std::move(ports), io, names);
}

}  // namespace netsim::devices
