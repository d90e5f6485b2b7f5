// Spanning tree on a bridge: BPDUs in and out, port states through to the gate.
#include "devices/bridge/stp_agent.h"

#include "sim/wire/llc.h"

namespace netsim::devices {

StpAgent::StpAgent(Node& node, BridgeCore& bridge, const StpBridgeConfig& config,
                   wire::MacAddress bridge_mac, std::vector<StpPortConfig> ports,
                   const BridgeNames* names)
    : node_(node), bridge_(bridge) {
  for (uint32_t p = 0; p < ports.size(); ++p) bridge_.set_edge(p, ports[p].edge);
  engine_ = make_stp_engine(node.ctx(), node.name(), bridge_mac, config, std::move(ports), *this, names);
  bridge_.set_bpdu_receiver(this);
}

StpAgent::~StpAgent() { bridge_.set_bpdu_receiver(nullptr); }

bool StpAgent::enabled(const Port& port) {
  return port.carrier() && port.peer()->node().up();
}

void StpAgent::start() {
  std::vector<bool> up;
  for (const auto& port : node_.ports()) up.push_back(enabled(*port));
  running_ = true;
  engine_->start(up);
}

void StpAgent::stop() {
  running_ = false;
  engine_->stop();
}

void StpAgent::link_changed(Port& port) {
  if (!running_) return;
  if (enabled(port))
    engine_->enable_port(port.index());
  else
    engine_->disable_port(port.index());
}

void StpAgent::receive_bpdu(Port& in, Packet frame) {
  // The group address with LLC 42 42 03 and a BPDU that 802.1D recognises.
  // Anything else sent there is dropped, traced: malformed when its bytes
  // are short, unsupported when it is some other protocol.
  wire::ParseError why = wire::ParseError::Unsupported;
  const auto eth = wire::EthernetRepr::parse(frame.bytes(), &why);
  std::optional<wire::BpduRepr> bpdu;
  if (eth && wire::is_ieee8023_length(eth->ethertype))
    if (const auto pdu = wire::ieee8023_pdu(frame.bytes(), *eth, &why))
      if (const auto llc = wire::LlcRepr::parse(*pdu, &why);
          llc && llc->dsap == wire::kLlcSapSpanningTree && llc->ssap == wire::kLlcSapSpanningTree)
        bpdu = wire::BpduRepr::parse(pdu->subspan(wire::LlcRepr::kLength), &why);
  if (!bpdu) {
    node_.ctx().trace().decision(node_.ctx().now(), Layer::Link, node_.name(), in.name(), [&] {
      return "dropped a frame to the bridge group address: not a BPDU (" +
             std::string(wire::to_string(why)) + ")";
    });
    node_.drop(&in, frame,
               why == wire::ParseError::Unsupported ? DropReason::Unsupported : DropReason::Malformed);
    return;
  }
  if (running_) engine_->receive(in.index(), *bpdu);
}

void StpAgent::send_bpdu(uint32_t port, const wire::BpduRepr& bpdu) {
  Port& out = *node_.ports()[port];
  Packet frame = node_.ctx().new_packet(wire::bpdu_frame_len(bpdu));
  wire::emit_bpdu_frame(frame.mutable_bytes(), out.mac(), bpdu);
  frame.set_background();
  out.send(std::move(frame));
}

void StpAgent::set_port_state(uint32_t port, PortState state) { bridge_.set_port_state(port, state); }

void StpAgent::flush_port(uint32_t port) { bridge_.flush_port(port); }

void StpAgent::set_short_aging(std::optional<Time> aging) { bridge_.set_short_aging(aging); }

}  // namespace netsim::devices
