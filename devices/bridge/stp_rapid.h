// Rapid spanning tree, IEEE 802.1D-2004 clause 17: the state machines of
// 17.22-17.31 (port timers, receive, protocol migration, bridge detection,
// transmit, information, role selection, role transitions, state
// transitions, topology change), run to quiescence after every event. Timers
// count whole seconds on a one-second tick, as 17.22 says, on a background
// event. Every link is point to point, so proposal/agreement applies.
#pragma once
#include <optional>
#include <vector>

#include "devices/bridge/stp_engine.h"

namespace netsim::devices {

class RapidStp : public StpEngine {
 public:
  RapidStp(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
           const StpBridgeConfig& config, std::vector<StpPortConfig> ports, StpBridgePorts& io,
           const BridgeNames* names);

  void start(const std::vector<bool>& enabled) override;
  void stop() override { tick_.cancel(scheduler()); }
  void receive(uint32_t port, const wire::BpduRepr& bpdu) override;
  void enable_port(uint32_t port) override;
  void disable_port(uint32_t port) override;

  wire::BridgeId root_id() const override { return root_priority_.root; }
  uint32_t root_path_cost() const override { return root_priority_.cost; }
  std::optional<uint32_t> root_port() const override { return root_port_; }
  // The port talks 802.1D to a neighbour that does (17.24 fallback).
  bool sends_stp(uint32_t port) const { return !ports_[port].send_rstp; }
  bool edge(uint32_t port) const { return ports_[port].oper_edge; }

  // 17.5, 17.6: a priority vector; lower is better, compared field by field.
  struct PriorityVector {
    wire::BridgeId root;
    uint32_t cost = 0;
    wire::BridgeId designated_bridge;
    uint16_t designated_port = 0;
    auto operator<=>(const PriorityVector&) const = default;
  };
  // 17.19.x times, in whole seconds as the state machines count them.
  struct Times {
    uint32_t message_age = 0, max_age = 0, hello = 0, forward_delay = 0;
    bool operator==(const Times&) const = default;
  };

 private:
  enum class InfoIs : uint8_t { Disabled, Aged, Mine, Received };
  enum class RcvdInfo : uint8_t {
    SuperiorDesignated, RepeatedDesignated, InferiorDesignated, InferiorRootAlternate, Other
  };
  enum class Prx : uint8_t { Discard, Receive };
  enum class Ppm : uint8_t { CheckingRstp, SelectingStp, Sensing };
  enum class Bdm : uint8_t { Edge, NotEdge };
  enum class Ptx : uint8_t { TransmitInit, Idle };
  enum class Pim : uint8_t { Disabled, Aged, Current };
  enum class Prt : uint8_t { InitPort, DisablePort, DisabledPort, RootPort, DesignatedPort, BlockPort, AlternatePort };
  enum class Pst : uint8_t { Discarding, Learning, Forwarding };
  enum class Tcm : uint8_t { Inactive, Learning, Active };

  struct Port {
    bool port_enabled = false;
    // 17.19 per-port variables
    PriorityVector port_priority, designated_priority, msg_priority;
    Times port_times, designated_times, msg_times;
    InfoIs info_is = InfoIs::Disabled;
    RcvdInfo rcvd_info = RcvdInfo::Other;
    PortRole role = PortRole::Disabled, selected_role = PortRole::Disabled;
    bool agree = false, agreed = false, disputed = false, fdb_flush = false, forward = false,
         forwarding = false, learn = false, learning = false, mcheck = false, new_info = false,
         oper_edge = false, proposed = false, proposing = false, rcvd_bpdu = false,
         rcvd_msg = false, rcvd_rstp = false, rcvd_stp = false, rcvd_tc = false,
         rcvd_tc_ack = false, rcvd_tcn = false, re_root = false, reselect = false,
         selected = false, send_rstp = false, sync = false, synced = false, tc_ack = false,
         tc_prop = false, updt_info = false;
    // 17.17 timers, in seconds
    uint32_t edge_delay_while = 0, fd_while = 0, hello_when = 0, mdelay_while = 0, rb_while = 0,
             rcvd_info_while = 0, rr_while = 0, tc_while = 0, tx_count = 0;
    wire::BpduRepr rcvd;  // the BPDU being received
    Prx prx = Prx::Discard;
    Ppm ppm = Ppm::CheckingRstp;
    Bdm bdm = Bdm::NotEdge;
    Ptx ptx = Ptx::TransmitInit;
    Pim pim = Pim::Disabled;
    Prt prt = Prt::InitPort;
    Pst pst = Pst::Discarding;
    Tcm tcm = Tcm::Inactive;
  };

  // 17.20 conditions and parameters
  uint32_t fwd_delay(const Port& x) const { return x.designated_times.forward_delay; }
  uint32_t max_age(const Port& x) const { return x.designated_times.max_age; }
  uint32_t hello_time() const;
  bool all_synced(uint32_t p) const;
  bool re_rooted(uint32_t p) const;

  void run();  // every machine, until none moves
  void tick();
  bool step_prx(uint32_t p);
  bool step_ppm(uint32_t p);
  bool step_bdm(uint32_t p);
  bool step_ptx(uint32_t p);
  bool step_pim(uint32_t p);
  bool step_prs();
  bool step_prt(uint32_t p);
  bool step_pst(uint32_t p);
  bool step_tcm(uint32_t p);

  // 17.21 procedures
  bool better_or_same_info(const Port& x, InfoIs new_info_is) const;
  RcvdInfo rcv_info(uint32_t p);
  void record_proposal(Port& x);
  void record_agreement(uint32_t p);
  void record_dispute(Port& x);
  void set_tc_flags(Port& x);
  void update_rcvd_info_while(Port& x);
  void update_roles_tree();
  void new_tc_while(Port& x);
  void set_tc_prop_tree(uint32_t except);
  void transmit(uint32_t p, wire::BpduType type);
  void flush(uint32_t p);

  // Entry actions of the role-transition states that several transitions share.
  void enter_root_port(Port& x);
  void enter_alternate_port(Port& x);
  void enter_disabled_port(Port& x);
  void apply_role(uint32_t p);
  // The port's role and state, as the trace, the bridge and expectations see them.
  void publish(uint32_t p);
  std::string held_words(const Port& x) const;

  PriorityVector bridge_priority_, root_priority_;
  Times bridge_times_, root_times_;
  std::optional<uint32_t> root_port_;
  bool prs_init_ = true;  // the role selection machine is in INIT_BRIDGE
  std::vector<Port> ports_;
  Timer tick_;
};

}  // namespace netsim::devices
