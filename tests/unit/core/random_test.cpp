// Random streams: same seed and name, same numbers; names are independent.
#include <catch2/catch.hpp>

#include "sim/core/random.h"

using namespace netsim;

TEST_CASE("streams are reproducible and independent of each other") {
  RandomStream a(7, "link:a"), b(7, "link:a"), c(7, "link:b"), d(8, "link:a");
  bool differs_by_name = false, differs_by_seed = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.next_u64();
    CHECK(x == b.next_u64());
    differs_by_name |= x != c.next_u64();
    differs_by_seed |= x != d.next_u64();
  }
  CHECK(differs_by_name);
  CHECK(differs_by_seed);
}

TEST_CASE("chance() follows its probability") {
  RandomStream r(1, "loss");
  int hits = 0;
  for (int i = 0; i < 100000; ++i) hits += r.chance(0.25);
  CHECK(hits > 24000);
  CHECK(hits < 26000);
  CHECK_FALSE(RandomStream(1, "x").chance(0));
}
