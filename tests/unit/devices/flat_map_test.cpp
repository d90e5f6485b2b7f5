// FlatMap: inserts, finds, erases (one key or by predicate) and grows like a map.
#include "devices/flat_map.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <random>
#include <vector>

using netsim::devices::FlatMap;

TEST_CASE("FlatMap behaves as std::map under random inserts and erases", "[flat_map]") {
  std::mt19937_64 rng(48);
  FlatMap<uint32_t> flat;
  std::map<uint64_t, uint32_t> model;
  for (int round = 0; round < 20000; ++round) {
    // Keys close together (MACs of one vendor) and far apart.
    const uint64_t key = round % 3 ? rng() % 512 : rng() >> 1;
    const auto value = static_cast<uint32_t>(rng());
    const auto [slot, inserted] = flat.try_emplace(key, value);
    const auto [it, model_inserted] = model.try_emplace(key, value);
    CHECK(inserted == model_inserted);
    CHECK(*slot == it->second);
    if (round % 1000 == 999) {  // a port lost its link: its entries go
      const uint32_t gone = value % 4;
      flat.erase_if([&](uint64_t, uint32_t v) { return v % 4 == gone; });
      std::erase_if(model, [&](const auto& kv) { return kv.second % 4 == gone; });
    }
  }
  CHECK(flat.size() == model.size());
  for (const auto& [key, value] : model) {
    REQUIRE(flat.find(key));
    CHECK(*flat.find(key) == value);
  }
  size_t seen = 0;
  flat.for_each([&](uint64_t key, uint32_t value) {
    ++seen;
    CHECK(model.at(key) == value);
  });
  CHECK(seen == model.size());
  CHECK_FALSE(flat.find(~uint64_t{0} - 1));
}

TEST_CASE("FlatMap: an empty or cleared map finds nothing and fills again", "[flat_map]") {
  FlatMap<int> flat;
  CHECK_FALSE(flat.find(0));
  flat.erase_if([](uint64_t, int) { return true; });
  CHECK(flat.empty());
  flat.try_emplace(0, 7);
  CHECK(*flat.find(0) == 7);
  flat.clear();
  CHECK_FALSE(flat.find(0));
  CHECK(flat.try_emplace(0, 8).second);
  CHECK(*flat.find(0) == 8);
}

TEST_CASE("FlatMap erases single keys and keeps every other one findable", "[flat_map]") {
  std::mt19937_64 rng(7);
  FlatMap<uint32_t, ~uint64_t{0}, 4> flat;  // small, so probe runs wrap around
  std::map<uint64_t, uint32_t> model;
  for (int round = 0; round < 20000; ++round) {
    const uint64_t key = rng() % 64;
    if (rng() % 3 == 0) {
      CHECK(flat.erase(key) == (model.erase(key) == 1));
    } else {
      const auto value = static_cast<uint32_t>(rng());
      CHECK(flat.try_emplace(key, value).second == model.try_emplace(key, value).second);
    }
    REQUIRE(flat.size() == model.size());
    for (uint64_t k = 0; k < 64; ++k) {
      const uint32_t* found = flat.find(k);
      const auto it = model.find(k);
      REQUIRE((found != nullptr) == (it != model.end()));
      if (found) CHECK(*found == it->second);
    }
  }
  FlatMap<int> empty;
  CHECK_FALSE(empty.erase(3));
}

TEST_CASE("FlatMap holds move-only values across growth and erasure", "[flat_map]") {
  FlatMap<std::unique_ptr<int>, ~uint64_t{0}, 4> flat;
  std::vector<const int*> addresses;
  for (int i = 0; i < 40; ++i)
    addresses.push_back(flat.try_emplace(i * 7, std::make_unique<int>(i)).first->get());
  for (int i = 0; i < 40; i += 2) CHECK(flat.erase(i * 7));
  flat.erase_if([](uint64_t key, const std::unique_ptr<int>&) { return key % 3 == 0; });
  for (int i = 0; i < 40; ++i) {
    const auto* found = flat.find(i * 7);
    const bool kept = i % 2 == 1 && (i * 7) % 3 != 0;
    REQUIRE((found != nullptr) == kept);
    if (kept) {
      CHECK(**found == i);
      CHECK(found->get() == addresses[i]);  // the value moved, what it owns did not
    }
  }
}
