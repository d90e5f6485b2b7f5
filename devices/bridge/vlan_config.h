// How one bridge port carries VLANs (IEEE 802.1Q): an access port in one
// VLAN, or a trunk of tagged VLANs with an optional native VLAN carried
// untagged. Built once from the scenario; asked in O(1) for every frame.
#pragma once
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace netsim::devices {

// What a port does with a frame of a given VLAN on egress.
enum class Egress : uint8_t { Drop, Tagged, Untagged };

// Why a port refuses a frame on ingress (802.1Q §8.6.2 ingress filtering).
enum class IngressVerdict : uint8_t {
  Accepted,
  TaggedOnAccess,   // an access port takes untagged frames only
  NotAllowed,       // tagged with a VLAN the port does not carry
  UntaggedOnTrunk,  // untagged, and the trunk has no native VLAN
  ReservedVid,      // VID 4095
};

class VlanConfig {
 public:
  static constexpr uint16_t kDefaultVlan = 1;

  // An access port in VLAN 1: what every port is unless configured.
  VlanConfig() : untagged_(kDefaultVlan) { carried_.set(kDefaultVlan); }
  static VlanConfig access(uint16_t vid);
  // Tagged VLANs `vids`, plus `native` carried untagged (listed or not).
  static VlanConfig trunk(std::span<const uint16_t> vids, std::optional<uint16_t> native = {});

  bool is_trunk() const { return trunk_; }
  // The VLAN an untagged frame arriving here belongs to (access VLAN or native).
  std::optional<uint16_t> untagged_vlan() const { return untagged_; }
  bool carries(uint16_t vid) const { return vid < kVids && carried_[vid]; }
  Egress egress(uint16_t vid) const {
    if (!carries(vid)) return Egress::Drop;
    return vid == untagged_ ? Egress::Untagged : Egress::Tagged;
  }

  struct Classified {
    IngressVerdict verdict;
    uint16_t vid;  // Accepted: the frame's VLAN; else the offending VID (0 if untagged)
  };
  // `tag_vid`: the frame's 802.1Q VID, nullopt when untagged. A priority tag
  // (VID 0) on a trunk means the native VLAN, as 802.1Q §6.9.1 says.
  Classified classify(std::optional<uint16_t> tag_vid) const;

  // Access in VLAN 1, which is how a VLAN-unaware switch behaves.
  bool is_default() const { return !trunk_ && untagged_ == kDefaultVlan; }
  // "access VLAN 10", "trunk 10,20", "trunk 10,20 native 1".
  std::string to_string() const;

 private:
  static constexpr size_t kVids = 4096;
  std::bitset<kVids> carried_;
  std::optional<uint16_t> untagged_;
  bool trunk_ = false;
};

// The --explain words for a refused frame, e.g. "VLAN 20 not allowed on p24".
std::string ingress_refusal_text(const VlanConfig::Classified& c, std::string_view port);

}  // namespace netsim::devices
