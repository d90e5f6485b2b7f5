// The recycler of texts' storage: reuse only after the last reference, only
// for a size the block fits without waste, small blocks apart from big ones.
#include "sim/scenario/lang/text_recycler.h"

#include <catch2/catch.hpp>

#include "sim/scenario/lang/value.h"

using netsim::lang::recycle_text_storage;
using netsim::lang::take_text_storage;
using netsim::lang::Value;

namespace {

const char* storage_of(const Value& v) { return v.text().data(); }

}  // namespace

TEST_CASE("a dropped bytes value's storage serves the next take of about its size") {
  Value v = Value::bytes(take_text_storage(3000));
  const char* storage = storage_of(v);
  v = Value::none();
  const std::string again = take_text_storage(2900);
  CHECK(again.data() == storage);
  CHECK(again.size() == 2900);
}

TEST_CASE("a block is not reused while a copy of its value lives") {
  Value v = Value::bytes(std::string(3000, 'x'));
  const Value copy = v;
  v = Value::none();
  const std::string taken = take_text_storage(3000);
  CHECK(taken.data() != storage_of(copy));
  CHECK(copy.text() == std::string(3000, 'x'));
}

TEST_CASE("a block is not handed to a take it would waste more than half of") {
  std::string big(8000, 'y');
  const char* storage = big.data();
  recycle_text_storage(std::move(big));
  CHECK(take_text_storage(3000).data() != storage);
  CHECK(take_text_storage(9000).data() != storage);
  CHECK(take_text_storage(7000).data() == storage);
}

TEST_CASE("small blocks are kept apart from big ones") {
  std::string big(4000, 'z');
  const char* big_storage = big.data();
  recycle_text_storage(std::move(big));
  for (int i = 0; i < 100; ++i)
    recycle_text_storage(std::string(60, 's'));  // churns the small ring
  CHECK(take_text_storage(4000).data() == big_storage);
  std::string small(100, 'z');
  const char* small_storage = small.data();
  recycle_text_storage(std::move(small));
  CHECK(take_text_storage(100).data() == small_storage);
}
