// Packets whose payload is referenced: size, head, whole views, copies,
// writes and the owner's lifetime.
#include "sim/packet/packet.h"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using namespace netsim;

namespace {
// A frame of 4 header bytes and 10 payload bytes cut from a 4-byte unit
// {0, 1, 2, 3} repeated, starting at its third byte: 2 3 0 1 2 3 0 1 2 3.
struct Fixture {
  PacketPool pool;
  std::shared_ptr<std::vector<uint8_t>> unit = std::make_shared<std::vector<uint8_t>>(4);
  Packet frame;
  Fixture() {
    std::iota(unit->begin(), unit->end(), uint8_t{0});
    frame = pool.allocate(4, 1, PayloadRef{unit, unit->data(), 4, 2, 10});
    std::fill(frame.mutable_head().begin(), frame.mutable_head().end(), uint8_t{0xee});
  }
};
const std::vector<uint8_t> kWhole = {0xee, 0xee, 0xee, 0xee, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
}  // namespace

TEST_CASE("a referenced payload counts in the size, not in the head") {
  Fixture f;
  CHECK(f.frame.size() == 14);
  CHECK(f.frame.head().size() == 4);
  std::vector<uint8_t> scratch;
  const auto whole = f.frame.view(scratch);
  CHECK(std::vector<uint8_t>(whole.begin(), whole.end()) == kWhole);
  CHECK(f.frame.head().size() == 4);  // a view leaves the packet as it was
}

TEST_CASE("bytes() puts a referenced payload in the buffer once, for every holder") {
  Fixture f;
  Packet copy = f.frame;
  const auto whole = copy.bytes();
  CHECK(std::vector<uint8_t>(whole.begin(), whole.end()) == kWhole);
  CHECK(f.frame.head().size() == 14);
  CHECK(f.unit.use_count() == 1);  // the owner is no longer needed
}

TEST_CASE("a clone shares the referenced payload and owns its head") {
  Fixture f;
  Packet c = f.pool.clone(f.frame);
  CHECK(c.uid() == 1);
  CHECK(c.size() == 14);
  CHECK(f.unit.use_count() == 3);
  c.mutable_head()[0] = 0x11;
  CHECK(f.frame.head()[0] == 0xee);
  std::vector<uint8_t> scratch;
  CHECK(c.view(scratch)[4] == 2);
}

TEST_CASE("a recycled buffer lets the owner go; resize makes the frame whole first") {
  Fixture f;
  f.frame.resize(16);
  CHECK(f.frame.size() == 16);
  CHECK(f.frame.bytes()[13] == 3);
  CHECK(f.frame.bytes()[15] == 0);
  Fixture g;
  g.frame = Packet();
  CHECK(g.unit.use_count() == 1);
}

TEST_CASE("a frame's bytes grow past the inline room with their contents, and the pool keeps the sizes apart") {
  PacketPool pool;
  Packet small = pool.allocate(FrameBytes::kInline, 1);
  std::iota(small.mutable_head().begin(), small.mutable_head().end(), uint8_t{0});
  small.resize(1514);  // past the inline room: the bytes move to a block of their own
  const auto grown = small.head();
  REQUIRE(grown.size() == 1514);
  for (size_t i = 0; i < FrameBytes::kInline; ++i) REQUIRE(grown[i] == i);
  for (size_t i = FrameBytes::kInline; i < grown.size(); ++i) REQUIRE(grown[i] == 0);
  small = Packet();  // back to the pool, among the large buffers
  Packet ack = pool.allocate(54, 2);  // a small frame never takes a large buffer
  CHECK(pool.buffers_created() == 2);
  Packet segment = pool.allocate(1514, 3);  // ... and a large one reuses it
  CHECK(pool.buffers_created() == 2);
  CHECK(segment.head().size() == 1514);
  CHECK(ack.head().size() == 54);
}
