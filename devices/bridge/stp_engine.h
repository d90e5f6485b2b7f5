// A spanning-tree engine as its bridge sees it: the narrow interface an
// engine drives (send a BPDU out of a port, set a port's state, flush a
// port's MAC entries, short aging), and the base both engines share: the
// bridge's identity, each port's role and state with the trace events every
// change makes, and the status that expectations read.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/bridge/port_state.h"
#include "devices/bridge/stp_types.h"
#include "sim/core/context.h"
#include "sim/wire/stp.h"

namespace netsim::devices {

// What an engine asks of its bridge; ports are the bridge's port indices.
// Unit tests implement it with no links at all.
class StpBridgePorts {
 public:
  virtual ~StpBridgePorts() = default;
  virtual void send_bpdu(uint32_t port, const wire::BpduRepr& bpdu) = 0;
  virtual void set_port_state(uint32_t port, PortState state) = 0;
  // Forget the MAC entries learned on the port (RSTP's fdbFlush).
  virtual void flush_port(uint32_t port) = 0;
  // During a topology change, age MAC entries after `aging` (the forward
  // delay) instead of the bridge's own aging time; nullopt ends it.
  virtual void set_short_aging(std::optional<Time> aging) = 0;
};

// Bridge ID -> node name, so the trace and expectations name bridges as the
// scenario does ("root s1"); an ID nobody registered prints as itself.
class BridgeNames {
 public:
  void add(wire::BridgeId id, std::string name) { names_[id.value] = std::move(name); }
  std::string name(wire::BridgeId id) const;

 private:
  std::map<uint64_t, std::string> names_;
};

class StpEngine {
 public:
  StpEngine(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
            const StpBridgeConfig& config, std::vector<StpPortConfig> ports, StpBridgePorts& io,
            const BridgeNames* names);
  virtual ~StpEngine() = default;
  StpEngine(const StpEngine&) = delete;
  StpEngine& operator=(const StpEngine&) = delete;

  // Time 0: ports whose link is up start, the others are disabled.
  virtual void start(const std::vector<bool>& enabled) = 0;
  // The bridge crashed: every timer stops; start() begins again.
  virtual void stop() = 0;
  // A BPDU arrived on `port`; the bridge consumed it.
  virtual void receive(uint32_t port, const wire::BpduRepr& bpdu) = 0;
  // The port's link came up / went down.
  virtual void enable_port(uint32_t port) = 0;
  virtual void disable_port(uint32_t port) = 0;

  virtual wire::BridgeId root_id() const = 0;
  virtual uint32_t root_path_cost() const = 0;
  virtual std::optional<uint32_t> root_port() const = 0;

  StpMode mode() const { return config_.mode; }
  wire::BridgeId bridge_id() const { return bridge_id_; }
  size_t port_count() const { return port_config_.size(); }
  const StpPortConfig& port_config(uint32_t port) const { return port_config_[port]; }
  PortRole role(uint32_t port) const { return status_[port].role; }
  PortState state(uint32_t port) const { return status_[port].state; }
  // The state as the mode names it: RSTP calls Blocking (and Disabled) "discarding".
  std::string_view state_name(PortState state) const;
  // The node name of a bridge ID, or the ID.
  std::string bridge_name(wire::BridgeId id) const;

 protected:
  // Write a port's state or role through to the bridge, the trace (a
  // decision "listening -> learning") and the "stp" table ("role state").
  void set_state(uint32_t port, PortState state);
  // `why` returns the reason's words; it runs only when the role changes and
  // a sink wants decisions.
  template <typename MakeWhy>
  void set_role(uint32_t port, PortRole role, MakeWhy&& why) {
    if (status_[port].role == role) return;
    change_role(port, role, ctx_.trace().decisions_enabled() ? std::string(why()) : std::string());
  }
  // A decision about `port` for --explain; `make_text` runs only if wanted.
  template <typename MakeText>
  void explain(uint32_t port, MakeText&& make_text) const {
    ctx_.trace().decision(ctx_.now(), Layer::Link, name_, port_config_[port].name,
                          std::forward<MakeText>(make_text));
  }
  template <typename MakeText>
  void explain_bridge(MakeText&& make_text) const {
    ctx_.trace().decision(ctx_.now(), Layer::Link, name_, {}, std::forward<MakeText>(make_text));
  }
  Time now() const { return ctx_.now(); }
  Scheduler& scheduler() { return ctx_.scheduler(); }
  // "root s1 cost 19 via s2", the words for a port's information.
  std::string path_words(wire::BridgeId root, uint32_t cost, wire::BridgeId via) const;

  Context& ctx_;
  const std::string name_;
  const StpBridgeConfig config_;
  const wire::BridgeId bridge_id_;
  const std::vector<StpPortConfig> port_config_;
  StpBridgePorts& io_;

 private:
  void change_role(uint32_t port, PortRole role, const std::string& why);
  void table_row(uint32_t port) const;

  struct Status {
    PortRole role = PortRole::Disabled;
    PortState state = PortState::Disabled;
  };
  std::vector<Status> status_;
  const BridgeNames* names_;
};

// 1/256 s, the unit of BPDU times (802.1D-2004 9.2.8), to and from Time.
uint16_t to_bpdu_time(Time t);  // rounded down, at most 0xffff
Time from_bpdu_time(uint16_t ticks);

// The engine for `config.mode`.
std::unique_ptr<StpEngine> make_stp_engine(Context& ctx, std::string bridge_name,
                                           wire::MacAddress bridge_mac,
                                           const StpBridgeConfig& config,
                                           std::vector<StpPortConfig> ports, StpBridgePorts& io,
                                           const BridgeNames* names);

}  // namespace netsim::devices
