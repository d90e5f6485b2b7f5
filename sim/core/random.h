// Seeded random streams. Each stream derives from the run's seed plus a stable
// name (a link or node), never from creation order, so adding a node does not
// change another link's losses. splitmix64/xoshiro256** give the same bits on
// every platform, unlike std:: distributions.
#pragma once
#include <cstdint>
#include <string_view>

namespace netsim {

constexpr uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

class RandomStream {
 public:
  RandomStream() : RandomStream(1, "") {}
  RandomStream(uint64_t seed, std::string_view name) {
    uint64_t x = seed ^ fnv1a64(name);
    for (uint64_t& s : state_) s = splitmix64(x);
  }
  uint64_t next_u64() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 bits.
  double next_unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // True with probability p.
  bool chance(double p) { return p > 0 && next_unit() < p; }
  // Uniform in [lo, hi].
  uint64_t uniform(uint64_t lo, uint64_t hi) {
    const uint64_t span = hi - lo + 1;
    return span == 0 ? next_u64() : lo + next_u64() % span;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t state_[4];
};

}  // namespace netsim
