// Bytes a frame carries by reference instead of copying them, as Linux's
// socket buffers share the pages of a send queue: a TCP segment of a sender's
// immutable object points at that object for as long as the frame lives (in a
// queue, on the wire, held by ARP), and only its headers are the frame's own.
// The referenced bytes are `len` bytes of the periodic sequence
// data[(phase + i) % unit], so one object written again and again (a
// 1,000-byte chunk sent 100 times) backs every segment cut from the stream.
#pragma once
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

namespace netsim {

// Keeps the bytes it owns alive and unchanged for as long as it is held.
using BytesOwner = std::shared_ptr<const void>;

struct PayloadRef {
  BytesOwner owner;
  const uint8_t* data = nullptr;
  uint32_t unit = 0;   // the period; data[0, unit) are the owner's bytes
  uint32_t phase = 0;  // where in the period the first byte is
  uint32_t len = 0;

  explicit operator bool() const { return len != 0; }

  // Calls chunk(std::span<const uint8_t>) for each contiguous run, in order.
  template <typename Chunk>
  void for_each_chunk(Chunk&& chunk) const {
    for (size_t done = 0, from = phase; done < len; from = 0) {
      const size_t k = std::min<size_t>(len - done, unit - from);
      chunk(std::span<const uint8_t>(data + from, k));
      done += k;
    }
  }
  // Copies the bytes to `out` (at least len bytes).
  void copy_to(uint8_t* out) const {
    for_each_chunk([&](std::span<const uint8_t> c) {
      std::memcpy(out, c.data(), c.size());
      out += c.size();
    });
  }
};

}  // namespace netsim
