// The spanning tree of one bridge: an engine (802.1D or RSTP) wired to a
// bridge core. It takes the BPDUs the core hands it, sends the engine's
// BPDUs as background frames (spanning tree never keeps a run going),
// writes port states through to the core's gate, and turns links going up
// and down (or the neighbour crashing) into ports enabled and disabled.
#pragma once
#include <memory>
#include <vector>

#include "devices/bridge/bridge_core.h"
#include "devices/bridge/stp_engine.h"

namespace netsim::devices {

class StpAgent final : public BpduReceiver, public StpBridgePorts {
 public:
  // `ports`: one entry per port of `node`, by index.
  StpAgent(Node& node, BridgeCore& bridge, const StpBridgeConfig& config,
           wire::MacAddress bridge_mac, std::vector<StpPortConfig> ports,
           const BridgeNames* names);
  ~StpAgent();

  // Time 0, or the node coming back up: the engine starts afresh.
  void start();
  // node_down: a crashed bridge sends nothing more.
  void stop();
  // A link of the node went up or down, or the node at its far end did.
  void link_changed(Port& port);

  const StpEngine& engine() const { return *engine_; }

  void receive_bpdu(Port& in, Packet frame) override;
  void send_bpdu(uint32_t port, const wire::BpduRepr& bpdu) override;
  void set_port_state(uint32_t port, PortState state) override;
  void flush_port(uint32_t port) override;
  void set_short_aging(std::optional<Time> aging) override;

 private:
  // A port is enabled when frames can cross its link: carrier, and a live node at the far end.
  static bool enabled(const Port& port);

  Node& node_;
  BridgeCore& bridge_;
  std::unique_ptr<StpEngine> engine_;
  bool running_ = false;
};

}  // namespace netsim::devices
