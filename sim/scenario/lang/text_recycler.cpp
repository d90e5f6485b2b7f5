// A LIFO of spare text blocks: the block freed last is the one still in cache.
#include "sim/scenario/lang/text_recycler.h"

#include <array>
#include <utility>

namespace netsim::lang {
namespace {

constexpr size_t kMaxBlocks = 32;
constexpr size_t kMaxBytes = size_t{1} << 20;  // what the spares may hold together

// A ring: the newest block on top, the oldest first to go when a new one
// needs the room, so blocks of sizes nobody asks for any more age out.
struct Spares {
  std::array<std::string, kMaxBlocks> blocks;
  size_t bottom = 0;  // the oldest block's slot
  size_t count = 0;
  size_t bytes = 0;  // the blocks' capacities together

  std::string& at(size_t i) { return blocks[(bottom + i) % kMaxBlocks]; }  // 0: the oldest
  void drop_oldest() {
    bytes -= blocks[bottom].capacity();
    std::string().swap(blocks[bottom]);  // frees it
    bottom = (bottom + 1) % kMaxBlocks;
    --count;
  }
};

// Never destroyed: a value that outlives main's statics may still give back
// its text (the simulation is single-threaded). Small and big blocks apart,
// so that the many short strs dropped never push out a recv's big block.
Spares& g_small = *new Spares;
Spares& g_big = *new Spares;
// Below this glibc's per-thread cache holds a freed block.
constexpr size_t kBigText = 1024;

Spares& spares_for(size_t capacity) { return capacity < kBigText ? g_small : g_big; }

}  // namespace

std::string take_spare_text_storage(size_t size) {
  std::string text;
  Spares& s = spares_for(size);
  for (size_t i = s.count; i-- > 0;) {
    std::string& block = s.at(i);
    const size_t capacity = block.capacity();
    if (capacity < size || capacity - size > capacity / 2) continue;
    text = std::move(block);
    s.bytes -= capacity;
    if (i + 1 != s.count) block = std::move(s.at(s.count - 1));  // the top fills the gap
    --s.count;
    break;
  }
  text.resize(size);
  return text;
}

void keep_spare_text_storage(std::string&& text) {
  const size_t capacity = text.capacity();
  if (capacity > kMaxBytes) return;
  Spares& s = spares_for(capacity);
  while (s.count == kMaxBlocks || s.bytes + capacity > kMaxBytes) s.drop_oldest();
  text.clear();
  s.at(s.count++) = std::move(text);
  s.bytes += capacity;
}

}  // namespace netsim::lang
