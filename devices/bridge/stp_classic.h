// IEEE 802.1D-1998 spanning tree (clause 8), as its procedures are written:
// the bridge and port parameters of 8.5, the procedures of 8.6 and the
// operations of 8.7 and 8.8, with the timers of 8.5.4/8.5.6 on the
// scheduler as background events (spanning tree never keeps a run going).
#pragma once
#include <optional>
#include <vector>

#include "devices/bridge/stp_engine.h"

namespace netsim::devices {

class ClassicStp : public StpEngine {
 public:
  ClassicStp(Context& ctx, std::string bridge_name, wire::MacAddress bridge_mac,
             const StpBridgeConfig& config, std::vector<StpPortConfig> ports, StpBridgePorts& io,
             const BridgeNames* names);

  void start(const std::vector<bool>& enabled) override;
  void stop() override;
  void receive(uint32_t port, const wire::BpduRepr& bpdu) override;
  void enable_port(uint32_t port) override;
  void disable_port(uint32_t port) override;

  wire::BridgeId root_id() const override { return designated_root_; }
  uint32_t root_path_cost() const override { return root_path_cost_; }
  std::optional<uint32_t> root_port() const override { return root_port_; }
  bool topology_change() const { return topology_change_; }

 private:
  // 8.5.5: what a port holds about its LAN's designated bridge and port.
  struct PortInfo {
    wire::BridgeId designated_root;
    uint32_t designated_cost = 0;
    wire::BridgeId designated_bridge;
    uint16_t designated_port = 0;
    bool topology_change_acknowledge = false;
    bool config_pending = false;
    bool change_detection_enabled = true;  // off on edge ports: they never cause a topology change
    // The message age timer as the time its value was 0, so the age now is now - origin.
    Time message_age_origin{0};
    Timer message_age_timer, forward_delay_timer, hold_timer;
  };

  uint16_t port_id(uint32_t p) const { return port_config_[p].port_id(); }
  bool root_bridge() const { return designated_root_ == bridge_id_; }
  bool designated_port(uint32_t p) const {
    return ports_[p].designated_bridge == bridge_id_ && ports_[p].designated_port == port_id(p);
  }
  bool designated_for_some_port() const;
  bool supersedes_port_info(uint32_t p, const wire::BpduRepr& config) const;

  // 8.6 procedures
  void transmit_config(uint32_t p);
  void record_config_information(uint32_t p, const wire::BpduRepr& config);
  void record_config_timeout_values(const wire::BpduRepr& config);
  void config_bpdu_generation();
  void transmit_tcn();
  void configuration_update();
  void root_selection();
  void designated_port_selection();
  void become_designated_port(uint32_t p);
  void port_state_selection();
  void make_forwarding(uint32_t p);
  void make_blocking(uint32_t p);
  void topology_change_detection();
  void topology_change_acknowledged();
  void acknowledge_topology_change(uint32_t p);
  void initialize_port(uint32_t p);
  // After a change the standard does not answer with BPDUs itself (a port
  // disabled or enabled, information aged out): designated ports send at once.
  void after_reconfiguration(bool was_root);
  void became_root();

  // 8.7 operations
  void received_config_bpdu(uint32_t p, const wire::BpduRepr& config);
  void received_tcn_bpdu(uint32_t p);
  void hello_timer_expiry();
  void message_age_timer_expiry(uint32_t p);
  void forward_delay_timer_expiry(uint32_t p);
  void tcn_timer_expiry();
  void topology_change_timer_expiry();
  void hold_timer_expiry(uint32_t p);

  void set_topology_change(bool on);
  void start_timer(Timer& timer, Time after, void (ClassicStp::*expiry)());
  void start_port_timer(Timer& timer, Time after, uint32_t p, void (ClassicStp::*expiry)(uint32_t));

  // 8.5.3 bridge parameters
  wire::BridgeId designated_root_;
  uint32_t root_path_cost_ = 0;
  std::optional<uint32_t> root_port_;
  Time max_age_, hello_time_, forward_delay_;  // as learnt from the root
  bool topology_change_detected_ = false;
  bool topology_change_ = false;
  Timer hello_timer_, tcn_timer_, topology_change_timer_;
  std::vector<PortInfo> ports_;
};

}  // namespace netsim::devices
