// IEEE 802.1D-1998 clause 8, procedure by procedure; each function names
// the subclause it follows.
#include "devices/bridge/stp_classic.h"

namespace netsim::devices {

namespace {
constexpr Time kMessageAgeIncrement = seconds(1);  // a relayed Message Age: received + 1 s
}  // namespace

ClassicStp::ClassicStp(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
                       const StpBridgeConfig& config, std::vector<StpPortConfig> ports,
                       StpBridgePorts& io, const BridgeNames* names)
    : StpEngine(ctx, std::move(bridge_name), bridge_mac, config, std::move(ports), io, names),
      designated_root_(bridge_id_),
      max_age_(config.max_age),
      hello_time_(config.hello),
      forward_delay_(config.forward_delay),
      ports_(port_config_.size()) {
  for (size_t p = 0; p < ports_.size(); ++p)
    ports_[p].change_detection_enabled = !port_config_[p].edge;
}

void ClassicStp::start_timer(Timer& timer, Time after, void (ClassicStp::*expiry)()) {
  timer.arm(scheduler(), now() + after, [this, expiry] { (this->*expiry)(); }, EventKind::Background);
}

void ClassicStp::start_port_timer(Timer& timer, Time after, uint32_t p,
                                  void (ClassicStp::*expiry)(uint32_t)) {
  timer.arm(scheduler(), now() + after, [this, p, expiry] { (this->*expiry)(p); },
            EventKind::Background);
}

bool ClassicStp::designated_for_some_port() const {
  for (const PortInfo& info : ports_)
    if (info.designated_bridge == bridge_id_) return true;
  return false;
}

// 8.6.2.2: a config BPDU supersedes what a port holds when its root is
// better, or its cost, or its sender, or (from the same bridge) its port;
// a BPDU from the port's own designated bridge and port refreshes it.
bool ClassicStp::supersedes_port_info(uint32_t p, const wire::BpduRepr& c) const {
  const PortInfo& info = ports_[p];
  if (c.root != info.designated_root) return c.root < info.designated_root;
  if (c.root_path_cost != info.designated_cost) return c.root_path_cost < info.designated_cost;
  if (c.bridge != info.designated_bridge) return c.bridge < info.designated_bridge;
  return c.bridge != bridge_id_ || c.port_id <= info.designated_port;
}

// ---- 8.6 procedures ----

// 8.6.1
void ClassicStp::transmit_config(uint32_t p) {
  PortInfo& info = ports_[p];
  if (info.hold_timer.armed(scheduler())) {  // at most one per hold time (8.6.1.3.1)
    info.config_pending = true;
    return;
  }
  wire::BpduRepr config;
  config.root = designated_root_;
  config.root_path_cost = root_path_cost_;
  config.bridge = bridge_id_;
  config.port_id = port_id(p);
  const Time age =
      root_bridge() ? Time{0} : now() - ports_[*root_port_].message_age_origin + kMessageAgeIncrement;
  config.message_age = to_bpdu_time(age);
  config.max_age = to_bpdu_time(max_age_);
  config.hello_time = to_bpdu_time(hello_time_);
  config.forward_delay = to_bpdu_time(forward_delay_);
  if (info.topology_change_acknowledge) config.flags |= wire::bpdu_flags::TopologyChangeAck;
  if (topology_change_) config.flags |= wire::bpdu_flags::TopologyChange;
  if (config.message_age >= config.max_age) return;  // 8.6.1.3.3: too old to relay
  io_.send_bpdu(p, config);
  info.topology_change_acknowledge = false;
  info.config_pending = false;
  start_port_timer(info.hold_timer, StpBridgeConfig::kHoldTime, p, &ClassicStp::hold_timer_expiry);
}

// 8.6.2
void ClassicStp::record_config_information(uint32_t p, const wire::BpduRepr& c) {
  PortInfo& info = ports_[p];
  info.designated_root = c.root;
  info.designated_cost = c.root_path_cost;
  info.designated_bridge = c.bridge;
  info.designated_port = c.port_id;
  const Time age = from_bpdu_time(c.message_age);
  info.message_age_origin = now() - age;
  start_port_timer(info.message_age_timer, from_bpdu_time(c.max_age) - age, p,
                   &ClassicStp::message_age_timer_expiry);
}

// 8.6.3
void ClassicStp::record_config_timeout_values(const wire::BpduRepr& c) {
  max_age_ = from_bpdu_time(c.max_age);
  hello_time_ = from_bpdu_time(c.hello_time);
  forward_delay_ = from_bpdu_time(c.forward_delay);
  set_topology_change(c.has(wire::bpdu_flags::TopologyChange));
}

// 8.6.4
void ClassicStp::config_bpdu_generation() {
  for (uint32_t p = 0; p < ports_.size(); ++p)
    if (designated_port(p) && state(p) != PortState::Disabled) transmit_config(p);
}

// 8.6.6
void ClassicStp::transmit_tcn() {
  if (!root_port_) return;
  explain(*root_port_, [] { return std::string("sent a TCN BPDU toward the root"); });
  io_.send_bpdu(*root_port_, wire::BpduRepr::tcn());
}

// 8.6.7
void ClassicStp::configuration_update() {
  root_selection();
  designated_port_selection();
}

// 8.6.8: the best of the ports not designated for their LAN whose root is
// better than this bridge, by root, root path cost through the port, then
// designated bridge, designated port and the port's own ID.
void ClassicStp::root_selection() {
  std::optional<uint32_t> best;
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    const PortInfo& info = ports_[p];
    if (designated_port(p) || state(p) == PortState::Disabled || !(info.designated_root < bridge_id_))
      continue;
    if (!best) {
      best = p;
      continue;
    }
    const PortInfo& b = ports_[*best];
    const uint32_t cost = info.designated_cost + port_config_[p].path_cost;
    const uint32_t best_cost = b.designated_cost + port_config_[*best].path_cost;
    const bool better =
        info.designated_root != b.designated_root ? info.designated_root < b.designated_root
        : cost != best_cost                       ? cost < best_cost
        : info.designated_bridge != b.designated_bridge
            ? info.designated_bridge < b.designated_bridge
        : info.designated_port != b.designated_port ? info.designated_port < b.designated_port
                                                    : port_id(p) < port_id(*best);
    if (better) best = p;
  }
  root_port_ = best;
  if (!best) {
    designated_root_ = bridge_id_;
    root_path_cost_ = 0;
    return;
  }
  designated_root_ = ports_[*best].designated_root;
  root_path_cost_ = ports_[*best].designated_cost + port_config_[*best].path_cost;
}

// 8.6.9: this bridge becomes designated for a LAN when what it would send
// there is better than what the port holds.
void ClassicStp::designated_port_selection() {
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    const PortInfo& info = ports_[p];
    if (designated_port(p) || info.designated_root != designated_root_ ||
        root_path_cost_ < info.designated_cost ||
        (root_path_cost_ == info.designated_cost &&
         (bridge_id_ < info.designated_bridge ||
          (bridge_id_ == info.designated_bridge && port_id(p) <= info.designated_port))))
      become_designated_port(p);
  }
}

// 8.6.10
void ClassicStp::become_designated_port(uint32_t p) {
  PortInfo& info = ports_[p];
  info.designated_root = designated_root_;
  info.designated_cost = root_path_cost_;
  info.designated_bridge = bridge_id_;
  info.designated_port = port_id(p);
}

// 8.6.11, with each port's role written down for the trace and expectations.
void ClassicStp::port_state_selection() {
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    PortInfo& info = ports_[p];
    if (state(p) == PortState::Disabled) {
      set_role(p, PortRole::Disabled, [] { return std::string(); });
      continue;
    }
    if (root_port_ == p) {
      info.config_pending = false;
      info.topology_change_acknowledge = false;
      set_role(p, PortRole::Root, [&] {
        return "best path to " + path_words(designated_root_, root_path_cost_, info.designated_bridge);
      });
      make_forwarding(p);
    } else if (designated_port(p)) {
      info.message_age_timer.cancel(scheduler());
      set_role(p, PortRole::Designated,
               [&] { return std::string(root_bridge() ? "we are the root" : ""); });
      make_forwarding(p);
    } else {
      info.config_pending = false;
      info.topology_change_acknowledge = false;
      const bool ours = info.designated_bridge == bridge_id_;
      set_role(p, ours ? PortRole::Backup : PortRole::Alternate, [&] {
        return bridge_name(info.designated_bridge) + " is designated for this link with " +
               path_words(info.designated_root, info.designated_cost, info.designated_root);
      });
      make_blocking(p);
    }
  }
}

// 8.6.12; an edge port skips listening and learning (as Cisco's PortFast).
void ClassicStp::make_forwarding(uint32_t p) {
  if (state(p) != PortState::Blocking) return;
  if (port_config_[p].edge) {
    set_state(p, PortState::Forwarding);
    return;
  }
  set_state(p, PortState::Listening);
  start_port_timer(ports_[p].forward_delay_timer, forward_delay_, p,
                   &ClassicStp::forward_delay_timer_expiry);
}

// 8.6.13. A forwarding port that blocks is a topology change (the contract's
// rule; a learning port that blocks is not).
void ClassicStp::make_blocking(uint32_t p) {
  if (state(p) == PortState::Disabled || state(p) == PortState::Blocking) return;
  if (state(p) == PortState::Forwarding && ports_[p].change_detection_enabled) {
    explain(p, [] { return std::string("topology change: a forwarding port blocks"); });
    topology_change_detection();
  }
  set_state(p, PortState::Blocking);
  ports_[p].forward_delay_timer.cancel(scheduler());
}

// 8.6.14
void ClassicStp::topology_change_detection() {
  if (root_bridge()) {
    set_topology_change(true);
    start_timer(topology_change_timer_, max_age_ + forward_delay_,
                &ClassicStp::topology_change_timer_expiry);
  } else if (!topology_change_detected_) {
    transmit_tcn();
    start_timer(tcn_timer_, config_.hello, &ClassicStp::tcn_timer_expiry);
  }
  topology_change_detected_ = true;
}

// 8.6.15
void ClassicStp::topology_change_acknowledged() {
  topology_change_detected_ = false;
  tcn_timer_.cancel(scheduler());
}

// 8.6.16
void ClassicStp::acknowledge_topology_change(uint32_t p) {
  ports_[p].topology_change_acknowledge = true;
  transmit_config(p);
}

// 8.8.1's per-port part: designated, blocking, nothing pending.
void ClassicStp::initialize_port(uint32_t p) {
  PortInfo& info = ports_[p];
  become_designated_port(p);
  set_state(p, PortState::Blocking);
  info.topology_change_acknowledge = false;
  info.config_pending = false;
  info.message_age_timer.cancel(scheduler());
  info.forward_delay_timer.cancel(scheduler());
  info.hold_timer.cancel(scheduler());
}

void ClassicStp::set_topology_change(bool on) {
  if (topology_change_ == on) return;
  topology_change_ = on;
  explain_bridge([&] {
    return on ? "topology change: MAC entries age after forward delay (" +
                    format_duration(forward_delay_) + ")"
              : std::string("topology change over: MAC entries age normally");
  });
  io_.set_short_aging(on ? std::optional<Time>(forward_delay_) : std::nullopt);
}

void ClassicStp::became_root() {
  explain_bridge([] { return std::string("we are now the root bridge"); });
  max_age_ = config_.max_age;
  hello_time_ = config_.hello;
  forward_delay_ = config_.forward_delay;
  topology_change_detection();
  tcn_timer_.cancel(scheduler());
  config_bpdu_generation();
  start_timer(hello_timer_, config_.hello, &ClassicStp::hello_timer_expiry);
}

void ClassicStp::after_reconfiguration(bool was_root) {
  if (root_bridge() && !was_root)
    became_root();
  else
    config_bpdu_generation();
}

// ---- 8.7 and 8.8 operations ----

// 8.8.1
void ClassicStp::start(const std::vector<bool>& enabled) {
  designated_root_ = bridge_id_;
  root_path_cost_ = 0;
  root_port_.reset();
  max_age_ = config_.max_age;
  hello_time_ = config_.hello;
  forward_delay_ = config_.forward_delay;
  topology_change_detected_ = false;
  set_topology_change(false);
  tcn_timer_.cancel(scheduler());
  topology_change_timer_.cancel(scheduler());
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    if (enabled[p]) {
      initialize_port(p);
    } else {
      become_designated_port(p);
      set_state(p, PortState::Disabled);
    }
  }
  port_state_selection();
  config_bpdu_generation();
  start_timer(hello_timer_, config_.hello, &ClassicStp::hello_timer_expiry);
}

void ClassicStp::stop() {
  for (Timer* t : {&hello_timer_, &tcn_timer_, &topology_change_timer_}) t->cancel(scheduler());
  for (PortInfo& info : ports_)
    for (Timer* t : {&info.message_age_timer, &info.forward_delay_timer, &info.hold_timer})
      t->cancel(scheduler());
}

void ClassicStp::receive(uint32_t p, const wire::BpduRepr& bpdu) {
  if (state(p) == PortState::Disabled) return;
  if (bpdu.type == wire::BpduType::Tcn) {
    received_tcn_bpdu(p);
    return;
  }
  // A BPDU of this very port that came back (a loop through a hub or a
  // bridge without spanning tree) says nothing (802.1D-2004 9.3.4).
  if (bpdu.bridge == bridge_id_ && bpdu.port_id == port_id(p)) {
    explain(p, [] { return std::string("ignored our own BPDU, looped back"); });
    return;
  }
  if (bpdu.message_age >= bpdu.max_age) {
    explain(p, [] { return std::string("ignored a BPDU whose message age has reached max age"); });
    return;
  }
  // 802.1D-1998 knows config and TCN BPDUs only. Its silence is what makes
  // an RSTP neighbour's port fall back to 802.1D (802.1D-2004 17.24).
  if (bpdu.type != wire::BpduType::Config) {
    explain(p, [] { return std::string("ignored an RST BPDU: this bridge speaks 802.1D-1998"); });
    return;
  }
  received_config_bpdu(p, bpdu);
}

// 8.7.1
void ClassicStp::received_config_bpdu(uint32_t p, const wire::BpduRepr& config) {
  const bool was_root = root_bridge();
  if (supersedes_port_info(p, config)) {
    const PortInfo& held = ports_[p];
    const bool refresh = config.root == held.designated_root &&
                         config.root_path_cost == held.designated_cost &&
                         config.bridge == held.designated_bridge &&
                         config.port_id == held.designated_port;
    if (!refresh) explain(p, [&] {
      return "received a better BPDU from " + bridge_name(config.bridge) + " on " +
             port_config_[p].name + ": " +
             path_words(config.root, config.root_path_cost, config.bridge);
    });
    record_config_information(p, config);
    configuration_update();
    port_state_selection();
    if (!root_bridge() && was_root) {
      hello_timer_.cancel(scheduler());
      if (topology_change_detected_) {
        topology_change_timer_.cancel(scheduler());
        transmit_tcn();
        start_timer(tcn_timer_, config_.hello, &ClassicStp::tcn_timer_expiry);
      }
    }
    if (root_port_ == p) {
      record_config_timeout_values(config);
      config_bpdu_generation();
      if (config.has(wire::bpdu_flags::TopologyChangeAck)) topology_change_acknowledged();
    }
  } else if (designated_port(p)) {
    explain(p, [&] {
      return "received an inferior BPDU from " + bridge_name(config.bridge) + " (" +
             path_words(config.root, config.root_path_cost, config.bridge) +
             "): answered with ours";
    });
    transmit_config(p);  // 8.7.1.3: reply
  } else {
    explain(p, [&] {
      const PortInfo& held = ports_[p];
      return "ignored a worse BPDU from " + bridge_name(config.bridge) + " (" +
             path_words(config.root, config.root_path_cost, config.bridge) + "): the port holds " +
             path_words(held.designated_root, held.designated_cost, held.designated_bridge) +
             " until max age";
    });
  }
}

// 8.7.2
void ClassicStp::received_tcn_bpdu(uint32_t p) {
  if (!designated_port(p)) return;
  explain(p, [] { return std::string("received a TCN BPDU: acknowledged"); });
  topology_change_detection();
  acknowledge_topology_change(p);
}

// 8.7.3
void ClassicStp::hello_timer_expiry() {
  config_bpdu_generation();
  start_timer(hello_timer_, config_.hello, &ClassicStp::hello_timer_expiry);
}

// 8.7.4
void ClassicStp::message_age_timer_expiry(uint32_t p) {
  explain(p, [&] {
    return "information from " + bridge_name(ports_[p].designated_bridge) +
           " aged out: message age reached max age";
  });
  const bool was_root = root_bridge();
  become_designated_port(p);
  configuration_update();
  port_state_selection();
  after_reconfiguration(was_root);
}

// 8.7.5
void ClassicStp::forward_delay_timer_expiry(uint32_t p) {
  if (state(p) == PortState::Listening) {
    set_state(p, PortState::Learning);
    start_port_timer(ports_[p].forward_delay_timer, forward_delay_, p,
                     &ClassicStp::forward_delay_timer_expiry);
  } else if (state(p) == PortState::Learning) {
    set_state(p, PortState::Forwarding);
    if (designated_for_some_port() && ports_[p].change_detection_enabled) {
      explain(p, [] { return std::string("topology change: a port starts forwarding"); });
      topology_change_detection();
    }
  }
}

// 8.7.6
void ClassicStp::tcn_timer_expiry() {
  transmit_tcn();
  start_timer(tcn_timer_, config_.hello, &ClassicStp::tcn_timer_expiry);
}

// 8.7.7
void ClassicStp::topology_change_timer_expiry() {
  topology_change_detected_ = false;
  set_topology_change(false);
}

// 8.7.8
void ClassicStp::hold_timer_expiry(uint32_t p) {
  if (ports_[p].config_pending) transmit_config(p);
}

// 8.8.2
void ClassicStp::enable_port(uint32_t p) {
  if (state(p) != PortState::Disabled) return;
  const bool was_root = root_bridge();
  initialize_port(p);
  port_state_selection();
  after_reconfiguration(was_root);
}

// 8.8.3
void ClassicStp::disable_port(uint32_t p) {
  if (state(p) == PortState::Disabled) return;
  const bool was_root = root_bridge();
  PortInfo& info = ports_[p];
  become_designated_port(p);
  set_state(p, PortState::Disabled);
  info.topology_change_acknowledge = false;
  info.config_pending = false;
  info.message_age_timer.cancel(scheduler());
  info.forward_delay_timer.cancel(scheduler());
  info.hold_timer.cancel(scheduler());
  configuration_update();
  port_state_selection();
  after_reconfiguration(was_root);
}

}  // namespace netsim::devices
