// What protocol code may touch: the clock and scheduler, the trace bus, the
// packet pool, frame uids and seeded random streams. No globals: many
// simulations can run in one process.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/scheduler.h"
#include "sim/packet/packet.h"
#include "sim/trace/trace.h"

namespace netsim {

class Context {
 public:
  explicit Context(uint64_t seed) : seed_(seed) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  Time now() const { return scheduler_.now(); }
  Scheduler& scheduler() { return scheduler_; }
  TraceBus& trace() { return trace_; }
  const TraceBus& trace() const { return trace_; }
  PacketPool& pool() { return pool_; }
  uint64_t seed() const { return seed_; }

  // A new frame with a fresh uid: `size` zero bytes, then `tail`'s by reference.
  Packet new_packet(size_t size, PayloadRef tail = {}) {
    return pool_.allocate(size, ++last_uid_, std::move(tail));
  }
  // A random stream named after what uses it ("link:r1:g1-r2:g1", "node:pc1").
  RandomStream stream(std::string_view name) const { return RandomStream(seed_, name); }
  // At least `len` bytes for a copy that does not outlive the caller's call
  // (a wrapped piece of a ring becoming one segment): one buffer for the
  // whole simulation, not one per node, and sized by use.
  std::span<uint8_t> scratch(size_t len) {
    if (scratch_.size() < len) scratch_.resize(len);
    return scratch_;
  }
  // Where a frame delivered to a host's transport is put in one piece when
  // its payload is referenced (Packet::view): one buffer for the simulation,
  // as each delivery ends before the next begins (loopback goes through the
  // queue), and apart from scratch(), which the replies it sends use.
  std::vector<uint8_t>& delivery_scratch() { return delivery_scratch_; }

 private:
  uint64_t seed_;
  uint64_t last_uid_ = 0;
  PacketPool pool_;        // declared first: destroyed last, after every Packet held by events
  std::vector<uint8_t> scratch_;
  std::vector<uint8_t> delivery_scratch_;
  TraceBus trace_;
  Scheduler scheduler_;
};

}  // namespace netsim
