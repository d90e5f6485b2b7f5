// A frame's own bytes (its head, see packet.h): up to kInline of them inside
// the object that holds them, more in a block of their own. Every header of a
// frame, an ARP message or a small datagram whole then sits in the cache
// lines right after the frame's record, so the first touch of a received
// frame reads adjacent lines instead of chasing a pointer to another block.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace netsim {

class FrameBytes {
 public:
  static constexpr size_t kInline = 112;

  FrameBytes() = default;
  FrameBytes(const FrameBytes&) = delete;
  FrameBytes& operator=(const FrameBytes&) = delete;
  ~FrameBytes() { std::free(heap_); }

  uint8_t* data() { return heap_ != nullptr ? heap_ : inline_; }
  const uint8_t* data() const { return heap_ != nullptr ? heap_ : inline_; }
  size_t size() const { return size_; }
  // Whether the bytes live in a block of their own (once grown past kInline,
  // the block stays for the next frame these bytes hold).
  bool on_heap() const { return heap_ != nullptr; }

  // `n` zero bytes.
  void assign_zeros(size_t n) {
    if (n > capacity()) grow(n, false);
    size_ = static_cast<uint32_t>(n);
    std::memset(data(), 0, n);
  }
  // Shrinks, or grows with zero bytes.
  void resize(size_t n) {
    if (n > size_) {
      if (n > capacity()) grow(n, true);
      std::memset(data() + size_, 0, n - size_);
    }
    size_ = static_cast<uint32_t>(n);
  }

 private:
  size_t capacity() const { return heap_ != nullptr ? capacity_ : kInline; }
  [[gnu::noinline]] void grow(size_t n, bool keep) {
    const size_t capacity = std::max(n, 2 * this->capacity());
    auto* block = static_cast<uint8_t*>(std::malloc(capacity));
    if (block == nullptr) throw std::bad_alloc();
    if (keep) std::memcpy(block, data(), size_);
    std::free(heap_);
    heap_ = block;
    capacity_ = static_cast<uint32_t>(capacity);
  }

  uint8_t* heap_ = nullptr;
  uint32_t size_ = 0;
  uint32_t capacity_ = 0;  // the block's, when on the heap
  uint8_t inline_[kInline];
};

}  // namespace netsim
