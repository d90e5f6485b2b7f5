#include "sim/trace/trace.h"

namespace netsim {

std::string_view to_string(DropReason r) {
  switch (r) {
    case DropReason::Malformed: return "malformed";
    case DropReason::BadChecksum: return "bad-checksum";
    case DropReason::NotForUs: return "not-for-us";
    case DropReason::NoRoute: return "no-route";
    case DropReason::TtlExpired: return "ttl-expired";
    case DropReason::ArpFailed: return "arp-failed";
    case DropReason::ArpQueueFull: return "arp-queue-full";
    case DropReason::QueueFull: return "queue-full";
    case DropReason::LinkDown: return "link-down";
    case DropReason::NodeDown: return "node-down";
    case DropReason::WireLoss: return "wire-loss";
    case DropReason::MtuExceeded: return "mtu-exceeded";
    case DropReason::PortUnreachable: return "port-unreachable";
    case DropReason::Unsupported: return "unsupported";
    case DropReason::SameSegment: return "same-segment";
    case DropReason::VlanFiltered: return "vlan-filtered";
    case DropReason::PortBlocked: return "port-blocked";
    case DropReason::Collision: return "collision";
    case DropReason::ExcessiveCollisions: return "excessive-collisions";
  }
  return "unknown";
}

std::string_view to_string(Layer l) {
  switch (l) {
    case Layer::Unknown: return "";
    case Layer::Physical: return "L1";
    case Layer::Link: return "L2";
    case Layer::Network: return "L3";
    case Layer::Transport: return "L4";
    case Layer::Application: return "L7";
  }
  return "";
}

}  // namespace netsim
