#include "sim/net/node.h"

namespace netsim {

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::Host: return "host";
    case NodeKind::Hub: return "hub";
    case NodeKind::Switch: return "switch";
    case NodeKind::L3Switch: return "l3switch";
    case NodeKind::Router: return "router";
  }
  return "node";
}

void Node::set_up(bool up) {
  up_ = up;
  if (!up)
    for (auto& p : ports_) p->flush();
}

Port& Node::add_port(std::string name, wire::MacAddress mac) {
  ports_.push_back(std::make_unique<Port>(*this, std::move(name), static_cast<uint32_t>(ports_.size()), mac));
  return *ports_.back();
}

Port* Node::find_port(std::string_view name) const {
  for (const auto& p : ports_)
    if (p->name() == name) return p.get();
  return nullptr;
}

std::string Node::other_port_names(const Port& in) const {
  std::string names;
  for (const auto& port : ports_)
    if (port.get() != &in && port->carrier()) (names += names.empty() ? "" : " ") += port->name();
  return names;
}

void Node::drop(std::string_view iface, const Packet& frame, DropReason reason) {
  if (reason == DropReason::Malformed || reason == DropReason::BadChecksum) ++malformed_;
  TraceEvent e;
  e.kind = TraceKind::FrameDropped;
  e.time = ctx_->now();
  e.node = name_;
  e.iface = iface;
  if (frame) {
    e.frame = ctx_->trace().frame_bytes(frame);
    e.frame_uid = frame.uid();
  }
  e.reason = reason;
  ctx_->trace().emit(e);
}

}  // namespace netsim
