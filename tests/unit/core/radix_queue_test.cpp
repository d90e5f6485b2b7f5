// The radix heap pops in exactly the order of (time, sequence), whatever the
// mix of pushes and pops, including keys below the last minimum.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "sim/core/radix_queue.h"
#include "sim/core/random.h"

using namespace netsim;

namespace {
bool before(const QueueEntry& a, const QueueEntry& b) {
  return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
}
}  // namespace

TEST_CASE("the radix queue pops in key order, interleaved with pushes at or after the minimum") {
  RandomStream draws(7, "radix");
  RadixQueue q;
  std::vector<QueueEntry> model;  // what is queued
  Time now{0};
  uint64_t sequence = uint64_t{1} << 32;  // early pushes count from 1: below every other
  uint64_t early_sequence = 0;
  for (int step = 0; step < 20000; ++step) {
    if (model.empty() || draws.uniform(0, 2) > 0) {
      // Now, a little later, or much later; some at the same time with a smaller sequence.
      const int64_t ahead = std::vector<int64_t>{0, 1, 1000, 1'000'000, 200'000'000}[draws.uniform(0, 4)];
      const bool early = draws.uniform(0, 9) == 0;
      const QueueEntry e{now + nanoseconds(ahead), early ? ++early_sequence : ++sequence, static_cast<uint32_t>(step)};
      q.push(e);
      model.push_back(e);
    } else {
      const auto first = std::min_element(model.begin(), model.end(), before);
      REQUIRE(q.top().slot == first->slot);
      now = first->time;
      model.erase(first);
      q.pop();
    }
    REQUIRE(q.size() == model.size());
  }
  q.erase_if([](const QueueEntry& e) { return e.slot % 2 == 0; });
  std::erase_if(model, [](const QueueEntry& e) { return e.slot % 2 == 0; });
  std::sort(model.begin(), model.end(), before);
  for (const QueueEntry& e : model) {
    REQUIRE(q.top().slot == e.slot);
    q.pop();
  }
  CHECK(q.empty());
}

TEST_CASE("erasing the least entry the queue holds apart leaves the next one on top") {
  RadixQueue q;
  for (uint32_t slot = 0; slot < 40; ++slot)  // a flood: one instant, consecutive sequences
    q.push({Time{1000}, uint64_t{7} << 40 | (39 - slot), slot});
  q.push({Time{5}, 1, 99});
  REQUIRE(q.top().slot == 99);
  q.pop();
  REQUIRE(q.top().slot == 39);  // sequence 0 of the flood, now held apart as the least
  q.erase_if([](const QueueEntry& e) { return e.slot == 39; });
  CHECK(q.size() == 39);
  for (int slot = 38; slot >= 0; --slot) {
    REQUIRE(q.top().slot == static_cast<uint32_t>(slot));
    q.pop();
  }
  CHECK(q.empty());
}
