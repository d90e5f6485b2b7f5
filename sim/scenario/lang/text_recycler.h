// Spare storage for texts. A sink app's `d = s.recv(65536)` makes one bytes
// value of a few KB per wake-up and drops the previous one; blocks that size
// are past glibc's small-block caches and cost a trip through its bins each
// way (and an echo app's small ones a malloc/free pair). A text's storage
// freed here is handed to the next recv of about its size instead. Bounded in
// blocks and bytes, so it never holds more than a little memory.
#pragma once
#include <cstddef>
#include <string>
#include <utility>

namespace netsim::lang {

// A text this short lives inside the std::string (libstdc++): no block.
inline constexpr size_t kInPlaceText = 15;

std::string take_spare_text_storage(size_t size);
void keep_spare_text_storage(std::string&& text);

// A string of `size` bytes (contents unspecified), in recycled storage when
// a spare block fits it without wasting more than half of it.
inline std::string take_text_storage(size_t size) {
  if (size <= kInPlaceText) return std::string(size, '\0');
  return take_spare_text_storage(size);
}

// Keeps `text`'s storage for take_text_storage, or frees the oldest spare to
// make room. Only for a text no value can see any more (a value's text is
// reused only after its last reference is gone).
inline void recycle_text_storage(std::string&& text) {
  if (text.capacity() > kInPlaceText) keep_spare_text_storage(std::move(text));
}

}  // namespace netsim::lang
