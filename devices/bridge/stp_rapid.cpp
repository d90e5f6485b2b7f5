// 802.1D-2004 clause 17, machine by machine. Each step_ function makes at
// most one transition of its machine (with the entry actions of the states
// it passes through, transient ones included) and says whether it moved.
#include "devices/bridge/stp_rapid.h"

#include <algorithm>

namespace netsim::devices {

namespace {
constexpr uint32_t kMigrateTime = 3;  // 17.13.9
constexpr Time kTick = seconds(1);    // 17.22: timers count down once a second

uint32_t whole_seconds(Time t) { return static_cast<uint32_t>((t.count() + 500'000'000) / 1'000'000'000); }
// BPDU times to the nearest second, as the machines count (17.19.22).
uint32_t whole_seconds(uint16_t ticks) { return (ticks + 128u) / 256u; }
uint16_t bpdu_seconds(uint32_t s) { return static_cast<uint16_t>(std::min<uint32_t>(s * 256u, 0xffff)); }
void count_down(uint32_t& timer) {
  if (timer > 0) --timer;
}
}  // namespace

RapidStp::RapidStp(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
                   const StpBridgeConfig& config, std::vector<StpPortConfig> ports,
                   StpBridgePorts& io, const BridgeNames* names)
    : StpEngine(ctx, std::move(bridge_name), bridge_mac, config, std::move(ports), io, names),
      ports_(port_config_.size()) {
  bridge_priority_ = {bridge_id_, 0, bridge_id_, 0};
  bridge_times_ = {0, whole_seconds(config.max_age), whole_seconds(config.hello),
                   whole_seconds(config.forward_delay)};
  root_priority_ = bridge_priority_;
  root_times_ = bridge_times_;
}

uint32_t RapidStp::hello_time() const { return bridge_times_.hello; }

// 17.20.3 (as 802.1Q-2011 13.25.1 words it): every port is selected, in its
// selected role, with nothing to update, and synced, the root port apart.
bool RapidStp::all_synced(uint32_t p) const {
  const PortRole role = ports_[p].role;
  for (uint32_t q = 0; q < ports_.size(); ++q) {
    const Port& y = ports_[q];
    if (!y.selected || y.role != y.selected_role || y.updt_info) return false;
    if (role == PortRole::Root || role == PortRole::Alternate) {
      if (y.role != PortRole::Root && !y.synced) return false;
    } else if (q != p && !y.synced) {
      return false;
    }
  }
  return true;
}

// 17.20.10: no other port is still in its recent-root time.
bool RapidStp::re_rooted(uint32_t p) const {
  for (uint32_t q = 0; q < ports_.size(); ++q)
    if (q != p && ports_[q].rr_while != 0) return false;
  return true;
}

// ---- events ----

void RapidStp::start(const std::vector<bool>& enabled) {
  // BEGIN: every machine in its initial state.
  prs_init_ = true;
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    Port& x = ports_[p];
    x = Port{};
    x.port_enabled = enabled[p];
    x.edge_delay_while = kMigrateTime;
    // PPM CHECKING_RSTP
    x.send_rstp = true;
    x.mdelay_while = kMigrateTime;
    // BDM
    x.oper_edge = port_config_[p].edge;
    x.bdm = x.oper_edge ? Bdm::Edge : Bdm::NotEdge;
    // PTX TRANSMIT_INIT
    x.new_info = true;
    // PRT INIT_PORT (fdWhile: see enter_disabled_port)
    x.designated_times = bridge_times_;
    x.sync = x.re_root = true;
    x.rr_while = fwd_delay(x);
    x.fd_while = fwd_delay(x);
    // TCM INACTIVE
    x.fdb_flush = true;
  }
  run();
  tick_.arm(scheduler(), now() + kTick, [this] { tick(); }, EventKind::Background);
}

void RapidStp::receive(uint32_t p, const wire::BpduRepr& bpdu) {
  Port& x = ports_[p];
  if (!x.port_enabled) return;
  // 802.1D-2004 9.3.4: our own BPDU, looped back onto the port that sent it, is discarded.
  if (bpdu.type != wire::BpduType::Tcn && bpdu.bridge == bridge_id_ &&
      (bpdu.port_id & 0x0fff) == (port_config_[p].port_id() & 0x0fff)) {
    explain(p, [] { return std::string("ignored our own BPDU, looped back"); });
    return;
  }
  x.rcvd = bpdu;
  x.rcvd_bpdu = true;
  run();
}

void RapidStp::enable_port(uint32_t p) {
  if (ports_[p].port_enabled) return;
  ports_[p].port_enabled = true;
  run();
}

void RapidStp::disable_port(uint32_t p) {
  if (!ports_[p].port_enabled) return;
  ports_[p].port_enabled = false;
  run();
}

// 17.22 Port Timers: one tick a second for every port.
void RapidStp::tick() {
  for (Port& x : ports_) {
    count_down(x.hello_when);
    count_down(x.tc_while);
    count_down(x.fd_while);
    count_down(x.rcvd_info_while);
    count_down(x.rr_while);
    count_down(x.rb_while);
    count_down(x.mdelay_while);
    count_down(x.edge_delay_while);
    count_down(x.tx_count);
  }
  run();
  tick_.arm(scheduler(), now() + kTick, [this] { tick(); }, EventKind::Background);
}

// The machines run concurrently in the standard; here Port Transmit runs
// only once the others have settled, so a BPDU carries the outcome of an
// event rather than a step on the way to it.
void RapidStp::run() {
  for (bool sent = true; sent;) {
    for (bool moved = true; moved;) {
      moved = step_prs();
      for (uint32_t p = 0; p < ports_.size(); ++p) {
        moved = step_prx(p) || moved;
        moved = step_ppm(p) || moved;
        moved = step_bdm(p) || moved;
        moved = step_pim(p) || moved;
        moved = step_prt(p) || moved;
        moved = step_pst(p) || moved;
        moved = step_tcm(p) || moved;
      }
    }
    sent = false;
    for (uint32_t p = 0; p < ports_.size(); ++p) sent = step_ptx(p) || sent;
  }
  for (uint32_t p = 0; p < ports_.size(); ++p) publish(p);
}

// ---- 17.23 Port Receive ----

bool RapidStp::step_prx(uint32_t p) {
  Port& x = ports_[p];
  if ((x.rcvd_bpdu || x.edge_delay_while != kMigrateTime) && !x.port_enabled) {
    x.prx = Prx::Discard;  // DISCARD
    x.rcvd_bpdu = x.rcvd_rstp = x.rcvd_stp = false;
    x.rcvd_msg = false;
    x.edge_delay_while = kMigrateTime;
    return true;
  }
  if (x.rcvd_bpdu && x.port_enabled && (x.prx == Prx::Discard || !x.rcvd_msg)) {
    x.prx = Prx::Receive;  // RECEIVE: updtBPDUVersion(), then the message is there to take
    if (x.rcvd.type == wire::BpduType::Rst)
      x.rcvd_rstp = true;
    else
      x.rcvd_stp = true;
    if (x.oper_edge)
      explain(p, [] { return std::string("a BPDU arrived: no longer an edge port"); });
    x.oper_edge = x.rcvd_bpdu = false;
    x.rcvd_msg = true;
    x.edge_delay_while = kMigrateTime;
    return true;
  }
  return false;
}

// ---- 17.24 Port Protocol Migration ----

bool RapidStp::step_ppm(uint32_t p) {
  Port& x = ports_[p];
  auto checking_rstp = [&] {
    x.ppm = Ppm::CheckingRstp;
    x.mcheck = false;
    x.send_rstp = true;  // rstpVersion: ForceProtocolVersion is 2
    x.mdelay_while = kMigrateTime;
  };
  switch (x.ppm) {
    case Ppm::CheckingRstp:
      if (x.mdelay_while != kMigrateTime && !x.port_enabled) {
        checking_rstp();
        return true;
      }
      if (x.mdelay_while == 0) {
        x.ppm = Ppm::Sensing;
        x.rcvd_rstp = x.rcvd_stp = false;
        return true;
      }
      return false;
    case Ppm::SelectingStp:
      if (x.mdelay_while == 0 || !x.port_enabled || x.mcheck) {
        x.ppm = Ppm::Sensing;
        x.rcvd_rstp = x.rcvd_stp = false;
        return true;
      }
      return false;
    case Ppm::Sensing:
      if (!x.port_enabled || x.mcheck || (!x.send_rstp && x.rcvd_rstp)) {
        if (x.port_enabled && !x.send_rstp)
          explain(p, [] { return std::string("heard RSTP again: back to RST BPDUs"); });
        checking_rstp();
        return true;
      }
      if (x.send_rstp && x.rcvd_stp) {
        explain(p, [] {
          return std::string("heard an 802.1D config BPDU: this port falls back to 802.1D");
        });
        x.ppm = Ppm::SelectingStp;
        x.send_rstp = false;
        x.mdelay_while = kMigrateTime;
        return true;
      }
      return false;
  }
  return false;
}

// ---- 17.25 Bridge Detection (AutoEdge off: only `edge: true` makes an edge port) ----

bool RapidStp::step_bdm(uint32_t p) {
  Port& x = ports_[p];
  const bool admin_edge = port_config_[p].edge;
  if (x.bdm == Bdm::Edge && ((!x.port_enabled && !admin_edge) || !x.oper_edge)) {
    x.bdm = Bdm::NotEdge;
    x.oper_edge = false;
    return true;
  }
  if (x.bdm == Bdm::NotEdge && !x.port_enabled && admin_edge) {
    x.bdm = Bdm::Edge;
    x.oper_edge = true;
    return true;
  }
  return false;
}

// ---- 17.26 Port Transmit ----

bool RapidStp::step_ptx(uint32_t p) {
  Port& x = ports_[p];
  if (!x.port_enabled) {
    if (x.ptx == Ptx::TransmitInit && x.new_info && x.tx_count == 0) return false;
    x.ptx = Ptx::TransmitInit;
    x.new_info = true;
    x.tx_count = 0;
    return true;
  }
  auto idle = [&] {
    x.ptx = Ptx::Idle;
    x.hello_when = hello_time();
  };
  if (x.ptx == Ptx::TransmitInit) {
    idle();
    return true;
  }
  if (!x.selected || x.updt_info) return false;  // allTransmitReady
  if (x.hello_when == 0) {  // TRANSMIT_PERIODIC
    x.new_info = x.new_info || x.role == PortRole::Designated ||
                 (x.role == PortRole::Root && x.tc_while != 0);
    idle();
    return true;
  }
  if (!x.new_info || x.tx_count >= StpBridgeConfig::kTransmitHoldCount) return false;
  if (x.send_rstp) {
    transmit(p, wire::BpduType::Rst);  // TRANSMIT_RSTP
    x.tc_ack = false;
  } else if (x.role == PortRole::Designated) {
    transmit(p, wire::BpduType::Config);  // TRANSMIT_CONFIG
    x.tc_ack = false;
  } else if (x.role == PortRole::Root) {
    transmit(p, wire::BpduType::Tcn);  // TRANSMIT_TCN
  } else {
    return false;
  }
  x.new_info = false;
  ++x.tx_count;
  idle();
  return true;
}

// 17.21.19-17.21.21: txConfig, txRstp, txTcn.
void RapidStp::transmit(uint32_t p, wire::BpduType type) {
  const Port& x = ports_[p];
  if (type == wire::BpduType::Tcn) {
    explain(p, [] { return std::string("sent a TCN BPDU toward the root"); });
    io_.send_bpdu(p, wire::BpduRepr::tcn());
    return;
  }
  wire::BpduRepr b;
  b.type = type;
  b.version = type == wire::BpduType::Rst ? wire::kRstpVersion : wire::kStpVersion;
  b.root = x.designated_priority.root;
  b.root_path_cost = x.designated_priority.cost;
  b.bridge = x.designated_priority.designated_bridge;
  b.port_id = x.designated_priority.designated_port;
  b.message_age = bpdu_seconds(x.designated_times.message_age);
  b.max_age = bpdu_seconds(x.designated_times.max_age);
  b.hello_time = bpdu_seconds(x.designated_times.hello);
  b.forward_delay = bpdu_seconds(x.designated_times.forward_delay);
  if (x.tc_while != 0) b.flags |= wire::bpdu_flags::TopologyChange;
  if (type == wire::BpduType::Config) {
    if (x.tc_ack) b.flags |= wire::bpdu_flags::TopologyChangeAck;
  } else {
    using wire::BpduRole;
    b.set_role(x.role == PortRole::Root         ? BpduRole::Root
               : x.role == PortRole::Designated ? BpduRole::Designated
                                                : BpduRole::AlternateOrBackup);
    if (x.proposing) b.flags |= wire::bpdu_flags::Proposal;
    if (x.learning) b.flags |= wire::bpdu_flags::Learning;
    if (x.forwarding) b.flags |= wire::bpdu_flags::Forwarding;
    if (x.agree) b.flags |= wire::bpdu_flags::Agreement;
  }
  io_.send_bpdu(p, b);
}

// ---- 17.27 Port Information ----

// 17.21.1
bool RapidStp::better_or_same_info(const Port& x, InfoIs new_info_is) const {
  if (new_info_is == InfoIs::Received && x.info_is == InfoIs::Received)
    return x.msg_priority <= x.port_priority;
  if (new_info_is == InfoIs::Mine && x.info_is == InfoIs::Mine)
    return x.designated_priority <= x.port_priority;
  return false;
}

// 17.21.8
RapidStp::RcvdInfo RapidStp::rcv_info(uint32_t p) {
  Port& x = ports_[p];
  const wire::BpduRepr& b = x.rcvd;
  if (b.type == wire::BpduType::Tcn) {
    x.rcvd_tcn = true;
    return RcvdInfo::Other;
  }
  x.msg_priority = {b.root, b.root_path_cost, b.bridge, b.port_id};
  x.msg_times = {whole_seconds(b.message_age), whole_seconds(b.max_age), whole_seconds(b.hello_time),
                 whole_seconds(b.forward_delay)};
  // A config BPDU conveys a designated port; so does an RST BPDU of unknown role (9.2.9).
  const bool designated = b.type == wire::BpduType::Config || b.role() == wire::BpduRole::Designated ||
                          b.role() == wire::BpduRole::Unknown;
  const bool better = x.msg_priority < x.port_priority;
  if (designated) {
    // Superior (17.6): better, or from the same designated bridge and port
    // (its MAC and port number), whatever it now says.
    const bool same_sender =
        x.msg_priority.designated_bridge.mac() == x.port_priority.designated_bridge.mac() &&
        (x.msg_priority.designated_port & 0x0fff) == (x.port_priority.designated_port & 0x0fff);
    if (better || same_sender) return RcvdInfo::SuperiorDesignated;
    const bool same = x.msg_priority == x.port_priority && x.msg_times == x.port_times;
    if (!same && x.msg_priority <= x.port_priority) return RcvdInfo::SuperiorDesignated;
    if (same && x.info_is == InfoIs::Received) return RcvdInfo::RepeatedDesignated;
    return RcvdInfo::InferiorDesignated;
  }
  return better ? RcvdInfo::Other : RcvdInfo::InferiorRootAlternate;
}

// 17.21.11
void RapidStp::record_proposal(Port& x) {
  if (x.rcvd.type == wire::BpduType::Rst && x.rcvd.role() == wire::BpduRole::Designated &&
      x.rcvd.has(wire::bpdu_flags::Proposal))
    x.proposed = true;
}

// 17.21.9: every link is point to point.
void RapidStp::record_agreement(uint32_t p) {
  Port& x = ports_[p];
  if (x.rcvd.type == wire::BpduType::Rst && x.rcvd.has(wire::bpdu_flags::Agreement)) {
    if (!x.agreed)
      explain(p, [&] { return "agreement from " + bridge_name(x.rcvd.bridge); });
    x.agreed = true;
    x.proposing = false;
  } else {
    x.agreed = false;
  }
}

// 17.21.10
void RapidStp::record_dispute(Port& x) {
  if (x.rcvd.type == wire::BpduType::Rst && x.rcvd.has(wire::bpdu_flags::Learning)) {
    x.disputed = true;
    x.agreed = false;
  }
}

// 17.21.17
void RapidStp::set_tc_flags(Port& x) {
  if (x.rcvd.has(wire::bpdu_flags::TopologyChange)) x.rcvd_tc = true;
  if (x.rcvd.type == wire::BpduType::Config && x.rcvd.has(wire::bpdu_flags::TopologyChangeAck))
    x.rcvd_tc_ack = true;
}

// 17.21.23: information lives three hello times, unless it is already too old.
void RapidStp::update_rcvd_info_while(Port& x) {
  x.rcvd_info_while = x.port_times.message_age + 1 <= x.port_times.max_age ? 3 * x.port_times.hello : 0;
}

std::string RapidStp::held_words(const Port& x) const {
  return path_words(x.port_priority.root, x.port_priority.cost, x.port_priority.designated_bridge);
}

bool RapidStp::step_pim(uint32_t p) {
  Port& x = ports_[p];
  if (!x.port_enabled && x.info_is != InfoIs::Disabled) {
    x.pim = Pim::Disabled;  // DISABLED
    x.rcvd_msg = false;
    x.proposing = x.proposed = x.agree = x.agreed = false;
    x.rcvd_info_while = 0;
    x.info_is = InfoIs::Disabled;
    x.reselect = true;
    x.selected = false;
    return true;
  }
  auto aged = [&] {
    x.pim = Pim::Aged;
    x.info_is = InfoIs::Aged;
    x.reselect = true;
    x.selected = false;
  };
  switch (x.pim) {
    case Pim::Disabled:
      if (x.port_enabled) {
        aged();
        return true;
      }
      if (x.rcvd_msg) {
        x.rcvd_msg = false;
        return true;
      }
      return false;
    case Pim::Aged:
      break;
    case Pim::Current:
      if (x.rcvd_msg && !x.updt_info) {  // RECEIVE
        x.rcvd_info = rcv_info(p);
        switch (x.rcvd_info) {
          case RcvdInfo::SuperiorDesignated: {
            const bool changed = x.msg_priority != x.port_priority;
            if (changed)
              explain(p, [&] {
                return std::string(x.msg_priority < x.port_priority ? "received a better BPDU from "
                                                                     : "new information from ") +
                       bridge_name(x.msg_priority.designated_bridge) + " on " +
                       port_config_[p].name + ": " +
                       path_words(x.msg_priority.root, x.msg_priority.cost,
                                  x.msg_priority.designated_bridge);
              });
            x.agreed = x.proposing = false;
            record_proposal(x);
            set_tc_flags(x);
            x.agree = x.agree && better_or_same_info(x, InfoIs::Received);
            record_agreement(p);
            x.synced = x.synced && x.agreed;
            x.port_priority = x.msg_priority;  // recordPriority
            x.port_times = x.msg_times;        // recordTimes
            update_rcvd_info_while(x);
            x.info_is = InfoIs::Received;
            x.reselect = true;
            x.selected = false;
            break;
          }
          case RcvdInfo::RepeatedDesignated:
            record_proposal(x);
            set_tc_flags(x);
            record_agreement(p);
            update_rcvd_info_while(x);
            break;
          case RcvdInfo::InferiorDesignated:
            record_dispute(x);
            // 802.1D-1998 8.6.2.2, kept by the contract: a designated port
            // answers inferior information with its own at once.
            if (x.role == PortRole::Designated) {
              explain(p, [&] {
                return "received an inferior BPDU from " +
                       bridge_name(x.msg_priority.designated_bridge) + " (" +
                       path_words(x.msg_priority.root, x.msg_priority.cost,
                                  x.msg_priority.designated_bridge) +
                       "): answered with ours";
              });
              x.new_info = true;
            }
            break;
          case RcvdInfo::InferiorRootAlternate:
            record_agreement(p);
            set_tc_flags(x);
            break;
          case RcvdInfo::Other: break;
        }
        x.rcvd_msg = false;
        x.pim = Pim::Current;
        return true;
      }
      if (x.info_is == InfoIs::Received && x.rcvd_info_while == 0 && !x.updt_info && !x.rcvd_msg) {
        explain(p, [&] {
          return "information from " + bridge_name(x.port_priority.designated_bridge) +
                 " aged out: no BPDU for three hello times";
        });
        aged();
        return true;
      }
      break;
  }
  if (x.selected && x.updt_info) {  // UPDATE
    x.proposing = x.proposed = false;
    x.agreed = x.agreed && better_or_same_info(x, InfoIs::Mine);
    x.synced = x.synced && x.agreed;
    x.port_priority = x.designated_priority;
    x.port_times = x.designated_times;
    x.updt_info = false;
    x.info_is = InfoIs::Mine;
    x.new_info = true;
    x.pim = Pim::Current;
    return true;
  }
  return false;
}

// ---- 17.28 Port Role Selection ----

// 17.21.25
void RapidStp::update_roles_tree() {
  root_priority_ = bridge_priority_;
  uint16_t root_port_id = 0;
  root_port_.reset();
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    const Port& x = ports_[p];
    if (x.info_is != InfoIs::Received || x.port_priority.designated_bridge == bridge_id_) continue;
    PriorityVector path = x.port_priority;
    path.cost += port_config_[p].path_cost;
    const uint16_t port_id = port_config_[p].port_id();
    if (path < root_priority_ || (path == root_priority_ && root_port_ && port_id < root_port_id)) {
      root_priority_ = path;
      root_port_id = port_id;
      root_port_ = p;
    }
  }
  root_times_ = bridge_times_;
  if (root_port_) {
    root_times_ = ports_[*root_port_].port_times;
    ++root_times_.message_age;
  }
  for (uint32_t p = 0; p < ports_.size(); ++p) {
    Port& x = ports_[p];
    x.designated_priority = {root_priority_.root, root_priority_.cost, bridge_id_,
                             port_config_[p].port_id()};
    x.designated_times = root_times_;
    x.designated_times.hello = bridge_times_.hello;
    switch (x.info_is) {
      case InfoIs::Disabled: x.selected_role = PortRole::Disabled; break;
      case InfoIs::Aged:
        x.selected_role = PortRole::Designated;
        x.updt_info = true;
        break;
      case InfoIs::Mine:
        x.selected_role = PortRole::Designated;
        if (x.port_priority != x.designated_priority || x.port_times != x.designated_times)
          x.updt_info = true;
        break;
      case InfoIs::Received:
        if (root_port_ == p) {
          x.selected_role = PortRole::Root;
          x.updt_info = false;
        } else if (x.designated_priority >= x.port_priority) {
          x.selected_role = x.port_priority.designated_bridge != bridge_id_ ? PortRole::Alternate
                                                                           : PortRole::Backup;
          x.updt_info = false;
        } else {
          x.selected_role = PortRole::Designated;
          x.updt_info = true;
        }
        break;
    }
  }
}

bool RapidStp::step_prs() {
  bool reselect = prs_init_;
  for (const Port& x : ports_) reselect = reselect || x.reselect;
  if (!reselect) return false;
  if (prs_init_) {  // INIT_BRIDGE: updtRoleDisabledTree()
    for (Port& x : ports_) x.selected_role = PortRole::Disabled;
    prs_init_ = false;
  }
  // ROLE_SELECTION
  const wire::BridgeId old_root = root_priority_.root;
  for (Port& x : ports_) x.reselect = false;
  update_roles_tree();
  for (Port& x : ports_) x.selected = true;
  if (root_priority_.root != old_root)
    explain_bridge([&] {
      return root_priority_.root == bridge_id_ ? std::string("we are now the root bridge")
                                               : "the root is now " + bridge_name(root_priority_.root);
    });
  return true;
}

// ---- 17.29 Port Role Transitions ----

void RapidStp::enter_root_port(Port& x) {
  x.prt = Prt::RootPort;
  x.role = PortRole::Root;
  x.rr_while = fwd_delay(x);
}

void RapidStp::enter_alternate_port(Port& x) {
  x.prt = Prt::AlternatePort;
  x.fd_while = fwd_delay(x);  // forwardDelay: the contract's forward delay in every mode
  x.synced = true;
  x.rr_while = 0;
  x.sync = x.re_root = false;
}

// DISABLED_PORT. 802.1D-2004 pins fdWhile at MaxAge here; the contract has
// a designated port without agreement wait 2 x forward delay, so a port
// that comes up starts from FwdDelay instead.
void RapidStp::enter_disabled_port(Port& x) {
  x.prt = Prt::DisabledPort;
  x.fd_while = fwd_delay(x);
  x.synced = true;
  x.rr_while = 0;
  x.sync = x.re_root = false;
}

// The transition every role makes when its selected role differs.
void RapidStp::apply_role(uint32_t p) {
  Port& x = ports_[p];
  switch (x.selected_role) {
    case PortRole::Disabled:  // DISABLE_PORT
      x.prt = Prt::DisablePort;
      x.role = PortRole::Disabled;
      x.learn = x.forward = false;
      break;
    case PortRole::Root: enter_root_port(x); break;
    case PortRole::Designated:
      x.prt = Prt::DesignatedPort;
      x.role = PortRole::Designated;
      break;
    case PortRole::Alternate:
    case PortRole::Backup:  // BLOCK_PORT
      x.prt = Prt::BlockPort;
      x.role = x.selected_role;
      x.learn = x.forward = false;
      break;
  }
}

bool RapidStp::step_prt(uint32_t p) {
  Port& x = ports_[p];
  if (x.prt == Prt::InitPort) {  // UCT to DISABLE_PORT
    x.prt = Prt::DisablePort;
    x.role = PortRole::Disabled;
    x.learn = x.forward = false;
    return true;
  }
  if (!x.selected || x.updt_info) return false;
  if (x.role != x.selected_role) {
    apply_role(p);
    return true;
  }
  const uint32_t fwd = fwd_delay(x);
  switch (x.prt) {
    case Prt::InitPort: return false;
    case Prt::DisablePort:
      if (x.learning || x.forwarding) return false;
      enter_disabled_port(x);
      return true;
    case Prt::DisabledPort:
      if (x.fd_while != fwd || x.sync || x.re_root || !x.synced) {
        enter_disabled_port(x);
        return true;
      }
      return false;
    case Prt::RootPort: {
      if (x.proposed && !x.agree) {  // ROOT_PROPOSED
        explain(p, [&] {
          return "proposal from " + bridge_name(x.port_priority.designated_bridge) +
                 ": syncing the other ports";
        });
        for (Port& y : ports_) y.sync = true;  // setSyncTree
        x.proposed = false;
        enter_root_port(x);
        return true;
      }
      if ((all_synced(p) && !x.agree) || (x.proposed && x.agree)) {  // ROOT_AGREED
        explain(p, [&] {
          return "all ports synced: agreement to " + bridge_name(x.port_priority.designated_bridge);
        });
        x.proposed = x.sync = false;
        x.agree = true;
        x.new_info = true;
        enter_root_port(x);
        return true;
      }
      if (!x.forward && !x.re_root) {  // REROOT: setReRootTree
        for (Port& y : ports_) y.re_root = true;
        enter_root_port(x);
        return true;
      }
      const bool rapid = re_rooted(p) && x.rb_while == 0;
      if ((x.fd_while == 0 || rapid) && !x.learn) {  // ROOT_LEARN
        x.fd_while = fwd;
        x.learn = true;
        enter_root_port(x);
        return true;
      }
      if ((x.fd_while == 0 || rapid) && x.learn && !x.forward) {  // ROOT_FORWARD
        x.fd_while = 0;
        x.forward = true;
        enter_root_port(x);
        return true;
      }
      if (x.re_root && x.forward) {  // REROOTED
        x.re_root = false;
        enter_root_port(x);
        return true;
      }
      if (x.rr_while != fwd) {
        enter_root_port(x);
        return true;
      }
      return false;
    }
    case Prt::DesignatedPort: {
      auto back = [&] {
        x.prt = Prt::DesignatedPort;
        x.role = PortRole::Designated;
        return true;
      };
      if (x.re_root && x.rr_while == 0) {  // DESIGNATED_RETIRED
        x.re_root = false;
        return back();
      }
      if ((!x.learning && !x.forwarding && !x.synced) || (x.agreed && !x.synced) ||
          (x.oper_edge && !x.synced) || (x.sync && x.synced)) {  // DESIGNATED_SYNCED
        x.rr_while = 0;
        x.synced = true;
        x.sync = false;
        return back();
      }
      if (!x.forward && !x.agreed && !x.proposing && !x.oper_edge) {  // DESIGNATED_PROPOSE
        x.proposing = true;
        x.edge_delay_while = kMigrateTime;  // EdgeDelay: point to point
        x.new_info = true;
        return back();
      }
      if ((x.fd_while == 0 || x.agreed || x.oper_edge) && (x.rr_while == 0 || !x.re_root) &&
          !x.sync) {
        if (!x.learn) {  // DESIGNATED_LEARN
          x.learn = true;
          x.fd_while = fwd;
          return back();
        }
        if (!x.forward) {  // DESIGNATED_FORWARD
          x.forward = true;
          x.fd_while = 0;
          x.agreed = x.send_rstp;
          return back();
        }
      }
      if (((x.sync && !x.synced) || (x.re_root && x.rr_while != 0) || x.disputed) && !x.oper_edge &&
          (x.learn || x.forward)) {  // DESIGNATED_DISCARD
        x.learn = x.forward = x.disputed = false;
        x.fd_while = fwd;
        return back();
      }
      return false;
    }
    case Prt::BlockPort:
      if (x.learning || x.forwarding) return false;
      enter_alternate_port(x);
      return true;
    case Prt::AlternatePort:
      if (x.proposed && !x.agree) {  // ALTERNATE_PROPOSED
        explain(p, [&] {
          return "proposal from " + bridge_name(x.port_priority.designated_bridge) +
                 ": syncing the other ports";
        });
        for (Port& y : ports_) y.sync = true;
        x.proposed = false;
        enter_alternate_port(x);
        return true;
      }
      if ((all_synced(p) && !x.agree) || (x.proposed && x.agree)) {  // ALTERNATE_AGREED
        explain(p, [&] {
          return "all ports synced: agreement to " + bridge_name(x.port_priority.designated_bridge);
        });
        x.proposed = false;
        x.agree = true;
        x.new_info = true;
        enter_alternate_port(x);
        return true;
      }
      if (x.role == PortRole::Backup && x.rb_while != 2 * hello_time()) {  // BACKUP_PORT
        x.rb_while = 2 * hello_time();
        enter_alternate_port(x);
        return true;
      }
      if (x.fd_while != fwd || x.sync || x.re_root || !x.synced) {
        enter_alternate_port(x);
        return true;
      }
      return false;
  }
  return false;
}

// ---- 17.30 Port State Transition ----

bool RapidStp::step_pst(uint32_t p) {
  Port& x = ports_[p];
  switch (x.pst) {
    case Pst::Discarding:
      if (!x.learn) return false;
      x.pst = Pst::Learning;
      x.learning = true;
      return true;
    case Pst::Learning:
      if (!x.learn) {
        x.pst = Pst::Discarding;
        x.learning = x.forwarding = false;
        return true;
      }
      if (!x.forward) return false;
      x.pst = Pst::Forwarding;
      x.forwarding = true;
      return true;
    case Pst::Forwarding:
      if (x.forward) return false;
      x.pst = Pst::Discarding;
      x.learning = x.forwarding = false;
      return true;
  }
  return false;
}

// ---- 17.31 Topology Change ----

// 17.21.7
void RapidStp::new_tc_while(Port& x) {
  if (x.tc_while != 0) return;
  if (x.send_rstp) {
    x.tc_while = x.port_times.hello + 1;
    x.new_info = true;
  } else {
    x.tc_while = root_times_.max_age + root_times_.forward_delay;
  }
}

void RapidStp::set_tc_prop_tree(uint32_t except) {
  for (uint32_t q = 0; q < ports_.size(); ++q)
    if (q != except) ports_[q].tc_prop = true;
}

void RapidStp::flush(uint32_t p) {
  Port& x = ports_[p];
  x.fdb_flush = false;
  io_.flush_port(p);
}

bool RapidStp::step_tcm(uint32_t p) {
  Port& x = ports_[p];
  const bool active_role = x.role == PortRole::Root || x.role == PortRole::Designated;
  auto learning = [&] {
    x.tcm = Tcm::Learning;
    x.rcvd_tc = x.rcvd_tcn = x.rcvd_tc_ack = false;
    x.tc_prop = false;
  };
  switch (x.tcm) {
    case Tcm::Inactive:
      if (x.fdb_flush) {  // entered INACTIVE: the port's entries go at once
        flush(p);
        x.tc_while = 0;
        x.tc_ack = false;
        return true;
      }
      if (!x.learn) return false;
      learning();
      return true;
    case Tcm::Learning:
      if (active_role && x.forward && !x.oper_edge) {  // DETECTED
        explain(p, [] {
          return std::string("topology change: this port starts forwarding; flushing the others");
        });
        new_tc_while(x);
        set_tc_prop_tree(p);
        x.new_info = true;
        x.tcm = Tcm::Active;
        return true;
      }
      if (x.rcvd_tc || x.rcvd_tcn || x.rcvd_tc_ack || x.tc_prop) {
        learning();
        return true;
      }
      if (!active_role && !(x.learn || x.learning)) {  // INACTIVE
        x.tcm = Tcm::Inactive;
        x.fdb_flush = true;
        x.tc_while = 0;
        x.tc_ack = false;
        return true;
      }
      return false;
    case Tcm::Active:
      if (!active_role || x.oper_edge) {
        learning();
        return true;
      }
      if (x.rcvd_tcn || x.rcvd_tc) {  // NOTIFIED_TCN, NOTIFIED_TC
        explain(p, [&] {
          return std::string(x.rcvd_tcn ? "received a TCN BPDU" : "received a topology change") +
                 ": flushing the other ports";
        });
        if (x.rcvd_tcn) new_tc_while(x);
        x.rcvd_tcn = x.rcvd_tc = false;
        if (x.role == PortRole::Designated) x.tc_ack = true;
        set_tc_prop_tree(p);
        return true;
      }
      if (x.tc_prop && !x.oper_edge) {  // PROPAGATING
        new_tc_while(x);
        x.fdb_flush = true;
        x.tc_prop = false;
        flush(p);
        return true;
      }
      if (x.rcvd_tc_ack) {  // ACKNOWLEDGED
        x.tc_while = 0;
        x.rcvd_tc_ack = false;
        return true;
      }
      return false;
  }
  return false;
}

// ---- what the rest of the world sees ----

void RapidStp::publish(uint32_t p) {
  Port& x = ports_[p];
  set_role(p, x.role, [&] {
    switch (x.role) {
      case PortRole::Root:
        return "best path to " +
               path_words(root_priority_.root, root_priority_.cost, x.port_priority.designated_bridge);
      case PortRole::Alternate:
      case PortRole::Backup:
        return bridge_name(x.port_priority.designated_bridge) + " is designated for this link with " +
               path_words(x.port_priority.root, x.port_priority.cost, x.port_priority.root);
      default: return std::string();
    }
  });
  set_state(p, x.forwarding ? PortState::Forwarding
               : x.learning ? PortState::Learning
                            : PortState::Blocking);
}

}  // namespace netsim::devices
