// ByteRing: circular copies with growth that keeps parked bytes in place.
#include "devices/stack/tcp/byte_ring.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace netsim::devices {

void ByteRing::reserve(size_t needed) {
  if (needed <= buffer_.size()) return;
  size_t capacity = std::max(min_capacity_, buffer_.size() * 2);
  while (capacity < needed) capacity *= 2;
  capacity = std::min(capacity, std::max(limit_, needed));
  std::vector<uint8_t> grown(capacity);
  // Linearize the used part (queued and parked bytes) at the new front.
  const size_t first = std::min(extent_, buffer_.size() - head_);
  if (extent_) {
    std::memcpy(grown.data(), buffer_.data() + head_, first);
    std::memcpy(grown.data() + first, buffer_.data(), extent_ - first);
  }
  buffer_.swap(grown);
  head_ = 0;
}

void ByteRing::copy_in(size_t offset, std::span<const uint8_t> data) {
  size_t at = (head_ + offset) % buffer_.size();
  const size_t first = std::min(data.size(), buffer_.size() - at);
  std::memcpy(buffer_.data() + at, data.data(), first);
  std::memcpy(buffer_.data(), data.data() + first, data.size() - first);
}

size_t ByteRing::push(std::span<const uint8_t> data) {
  const size_t n = std::min(data.size(), room());
  if (n == 0) return 0;
  reserve(size_ + n);
  copy_in(size_, data.first(n));
  size_ += n;
  extent_ = std::max(extent_, size_);
  return n;
}

void ByteRing::write_at(size_t offset, std::span<const uint8_t> data) {
  assert(offset >= size_ && offset + data.size() <= limit_ && "write_at outside the ring");
  if (data.empty()) return;
  reserve(offset + data.size());
  copy_in(offset, data);
  extent_ = std::max(extent_, offset + data.size());
}

void ByteRing::commit(size_t n) {
  assert(size_ + n <= extent_ && "commit of bytes never written");
  size_ += n;
}

size_t ByteRing::pop(std::span<uint8_t> out) {
  const size_t n = std::min(out.size(), size_);
  if (n == 0) return 0;
  const auto bytes = view(0, n, out);
  if (bytes.data() != out.data()) std::memcpy(out.data(), bytes.data(), n);
  discard(n);
  return n;
}

void ByteRing::discard(size_t n) {
  assert(n <= size_ && "discard beyond the queue");
  if (n == 0) return;
  head_ = (head_ + n) % buffer_.size();
  size_ -= n;
  extent_ -= n;
  if (extent_ == 0) head_ = 0;  // keeps later data contiguous
}

std::span<const uint8_t> ByteRing::view(size_t offset, size_t len,
                                        std::span<uint8_t> scratch) const {
  assert(offset + len <= extent_ && "view beyond the written bytes");
  if (len == 0) return {};
  const size_t at = (head_ + offset) % buffer_.size();
  if (at + len <= buffer_.size()) return {buffer_.data() + at, len};
  assert(scratch.size() >= len && "scratch too small for a wrapped view");
  const size_t first = buffer_.size() - at;
  std::memcpy(scratch.data(), buffer_.data() + at, first);
  std::memcpy(scratch.data() + first, buffer_.data(), len - first);
  return scratch.first(len);
}

void ByteRing::release() {
  std::vector<uint8_t>().swap(buffer_);
  head_ = size_ = extent_ = 0;
}

}  // namespace netsim::devices
