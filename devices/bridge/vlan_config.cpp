// VLAN membership of a bridge port: ingress classification, egress tagging.
#include "devices/bridge/vlan_config.h"

#include "sim/wire/vlan_tag.h"

namespace netsim::devices {

VlanConfig VlanConfig::access(uint16_t vid) {
  VlanConfig c;
  c.carried_.reset();
  c.carried_.set(vid);
  c.untagged_ = vid;
  c.trunk_ = false;
  return c;
}

VlanConfig VlanConfig::trunk(std::span<const uint16_t> vids, std::optional<uint16_t> native) {
  VlanConfig c;
  c.carried_.reset();
  for (const uint16_t vid : vids) c.carried_.set(vid);
  if (native) c.carried_.set(*native);
  c.untagged_ = native;
  c.trunk_ = true;
  return c;
}

VlanConfig::Classified VlanConfig::classify(std::optional<uint16_t> tag_vid) const {
  if (tag_vid && !trunk_) return {IngressVerdict::TaggedOnAccess, *tag_vid};
  if (tag_vid && *tag_vid == wire::kVidReserved) return {IngressVerdict::ReservedVid, *tag_vid};
  if (!tag_vid || *tag_vid == wire::kVidPriorityOnly) {
    if (!untagged_) return {IngressVerdict::UntaggedOnTrunk, 0};
    return {IngressVerdict::Accepted, *untagged_};
  }
  if (!carries(*tag_vid)) return {IngressVerdict::NotAllowed, *tag_vid};
  return {IngressVerdict::Accepted, *tag_vid};
}

std::string VlanConfig::to_string() const {
  if (!trunk_) return "access VLAN " + std::to_string(*untagged_);
  std::string text = "trunk";
  char sep = ' ';
  for (size_t vid = 1; vid < kVids; ++vid) {
    if (!carried_[vid] || vid == untagged_) continue;
    (text += sep) += std::to_string(vid);
    sep = ',';
  }
  if (untagged_) text += " native " + std::to_string(*untagged_);
  return text;
}

std::string ingress_refusal_text(const VlanConfig::Classified& c, std::string_view port) {
  const std::string on = std::string(port);
  switch (c.verdict) {
    case IngressVerdict::Accepted: break;
    case IngressVerdict::TaggedOnAccess:
      return "tagged frame (VLAN " + std::to_string(c.vid) + ") on access port " + on;
    case IngressVerdict::NotAllowed: return "VLAN " + std::to_string(c.vid) + " not allowed on " + on;
    case IngressVerdict::UntaggedOnTrunk: return "untagged frame on trunk " + on + ", which has no native VLAN";
    case IngressVerdict::ReservedVid: return "reserved VLAN ID 4095 on " + on;
  }
  return "accepted on " + on;
}

}  // namespace netsim::devices
