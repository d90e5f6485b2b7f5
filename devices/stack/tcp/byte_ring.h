// A byte queue over one circular buffer, for a connection's send queue
// (unacknowledged and unsent bytes) and receive queue (in-order bytes, with
// out-of-order bytes parked at their offsets beyond them). It grows by
// doubling up to its limit and keeps its memory, so steady traffic allocates
// nothing and idle connections stay small.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace netsim::devices {

class ByteRing {
 public:
  // A receive queue whose app reads as segments arrive holds one segment: 1 kB
  // doubles once to 2 kB for a 1,448-byte segment, where a 4 kB start held 4 kB
  // per connection (4,000 receivers: 8 MB more at W1 K=20).
  static constexpr size_t kDefaultMinCapacity = 1024;

  // A ring that holds anything allocates at least `min_capacity` bytes.
  explicit ByteRing(size_t limit = 0, size_t min_capacity = kDefaultMinCapacity)
      : limit_(limit), min_capacity_(min_capacity) {}

  size_t size() const { return size_; }    // queued (committed) bytes
  size_t limit() const { return limit_; }  // most bytes it will ever hold
  size_t room() const { return limit_ - size_; }
  // A new limit, at least what is held (a receive buffer that autotuning grew).
  void set_limit(size_t limit) { limit_ = std::max(limit, extent_); }
  bool empty() const { return size_ == 0; }

  // Appends as much of `data` as the limit allows; returns how much.
  size_t push(std::span<const uint8_t> data);
  // Writes `data` at `offset` bytes from the front (offset >= size()), not
  // yet queued: commit() makes it part of the queue once the gap before it is filled.
  // Requires offset + data.size() <= limit().
  void write_at(size_t offset, std::span<const uint8_t> data);
  // The n bytes after the end (already written) join the queue.
  void commit(size_t n);
  // Moves up to out.size() bytes from the front into `out`.
  size_t pop(std::span<uint8_t> out);
  void discard(size_t n);
  // `len` queued-or-written bytes from `offset`: a view into the ring when
  // contiguous, else a copy in `scratch` (at least len bytes).
  std::span<const uint8_t> view(size_t offset, size_t len, std::span<uint8_t> scratch) const;
  // Empties the queue and gives its memory back.
  void release();

 private:
  void reserve(size_t needed);
  void copy_in(size_t offset, std::span<const uint8_t> data);

  std::vector<uint8_t> buffer_;  // the circle; its size is the capacity
  size_t head_ = 0;              // index of the front byte
  size_t size_ = 0;
  size_t extent_ = 0;  // bytes from the front that hold data (size_ plus parked bytes)
  size_t limit_;
  size_t min_capacity_;
};

}  // namespace netsim::devices
