// A node's choice of ephemeral ports (net.ipv4.ip_local_port_range, Linux's
// 32768-60999 by default), shared by TCP and UDP and drawn from the node's
// seeded "ports:<node>" stream. Three searches, each Linux's own:
// - connect() (__inet_hash_connect, RFC 6056 algorithm 4): a keyed hash of
//   (source, destination, destination port) plus a per-hash perturbation
//   picks the start; ports of the range's low parity (even) first, then the
//   other; the perturbation then moves on, so successive connections to one
//   destination take nearby ports while other destinations look unrelated;
// - bind() to port 0 and listen() without bind (inet_csk_find_open_port): a
//   random start, odd ports first, so connect() keeps the even ones;
// - UDP (udp_lib_get_port): a random start, then the next usable port.
// The caller says which ports are usable: Linux's collision rules live with
// the sockets (a connect may share a port with other connects to other
// destinations; a bind may not).
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "sim/core/random.h"
#include "sim/wire/address.h"

namespace netsim::devices {

class EphemeralPorts {
 public:
  EphemeralPorts(RandomStream stream, uint16_t low, uint16_t high)
      : stream_(stream), low_(low), high_(high), secret_(stream_.next_u64()) {}

  uint16_t low() const { return low_; }
  uint16_t high() const { return high_; }

  template <typename Usable>
  std::optional<uint16_t> for_connect(wire::Ipv4Address source, wire::Ipv4Address destination,
                                      uint16_t destination_port, Usable&& usable) {
    const uint32_t remaining = span();
    const uint32_t hash = destination_hash(source, destination, destination_port);
    uint32_t& perturb = perturbation(hash & 0xffff);
    uint32_t offset = (perturb + (hash >> 16)) % remaining;
    offset &= ~1u;  // low parity first
    for (;;) {
      uint32_t port = low_ + offset;
      for (uint32_t i = 0; i < remaining; i += 2, port += 2) {
        if (port > high_) port -= remaining;
        if (!usable(static_cast<uint16_t>(port))) continue;
        // A little randomness for the next search: at most 7 steps more
        // when the ports were free at once.
        const uint32_t moved = std::max<uint32_t>(i, static_cast<uint32_t>(stream_.uniform(0, 7)) * 2);
        perturb += moved + 2;
        return static_cast<uint16_t>(port);
      }
      ++offset;
      if (!(offset & 1) || remaining <= 1) return std::nullopt;
    }
  }

  template <typename Usable>
  std::optional<uint16_t> for_bind(Usable&& usable) {
    uint32_t remaining = span();
    if (remaining > 1) remaining &= ~1u;
    uint32_t offset = static_cast<uint32_t>(stream_.uniform(0, remaining - 1)) | 1u;  // odd first
    for (;;) {
      uint32_t port = low_ + offset;
      for (uint32_t i = 0; i < remaining; i += 2, port += 2) {
        if (port >= low_ + remaining) port -= remaining;
        if (usable(static_cast<uint16_t>(port))) return static_cast<uint16_t>(port);
      }
      --offset;
      if (offset & 1) return std::nullopt;  // both parities scanned
    }
  }

  template <typename Usable>
  std::optional<uint16_t> for_udp(Usable&& usable) {
    const uint32_t remaining = span();
    const auto start = static_cast<uint32_t>(stream_.uniform(0, remaining - 1));
    for (uint32_t i = 0; i < remaining; ++i) {
      const auto port = static_cast<uint16_t>(low_ + (start + i) % remaining);
      if (usable(port)) return port;
    }
    return std::nullopt;
  }

 private:
  uint32_t span() const { return uint32_t{high_} - low_ + 1; }
  // Stands in for Linux's siphash under a boot-time secret: the secret is
  // the node's, drawn from its seed.
  uint32_t destination_hash(wire::Ipv4Address source, wire::Ipv4Address destination,
                            uint16_t port) const {
    uint64_t z = secret_ ^ (uint64_t{source.value} << 32 | destination.value) ^
                 (uint64_t{port} * 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return static_cast<uint32_t>(z ^ (z >> 31));
  }
  // Linux's table_perturb (2^16 random entries); only the entries a node
  // uses are drawn, when first used.
  uint32_t& perturbation(uint32_t index) {
    auto it = perturb_.find(index);
    if (it == perturb_.end())
      it = perturb_.emplace(index, static_cast<uint32_t>(stream_.next_u64())).first;
    return it->second;
  }

  RandomStream stream_;
  uint16_t low_, high_;
  uint64_t secret_;
  std::map<uint32_t, uint32_t> perturb_;
};

}  // namespace netsim::devices
