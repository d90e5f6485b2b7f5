// A connection's send queue (unacknowledged and unsent bytes, up to the send
// buffer's size). Bytes an app hands over with an owner that keeps them
// unchanged (an interpreter's immutable bytes object) are queued as a
// reference to them, not copied, and the same bytes written again and again
// extend one reference: a sender that writes one 1,000-byte object a hundred
// times holds one piece, not 100 kB or a hundred pieces. Other bytes are
// copied into a ring that grows with what it holds. A segment's payload that
// lies in one referenced piece is referenced by its frame too (reference());
// others are copied into the frame when it is built, so what crosses the wire
// does not depend on which way the bytes were queued.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "devices/stack/tcp/byte_ring.h"
#include "sim/packet/payload_ref.h"

namespace netsim::devices {

class SendQueue {
 public:
  explicit SendQueue(size_t limit) : copies_(limit), limit_(limit) {}

  size_t size() const { return size_; }
  size_t limit() const { return limit_; }
  size_t room() const { return limit_ - size_; }
  // A new limit, at least what is queued (Linux grows the send buffer with
  // the congestion window).
  void set_limit(size_t limit) {
    limit_ = std::max(limit, size_);
    copies_.set_limit(limit_);
  }
  bool empty() const { return size_ == 0; }

  // Appends as much of `data` as the limit allows; returns how much. With an
  // owner (which keeps `data` alive and unchanged), the bytes are referenced.
  size_t push(std::span<const uint8_t> data, const BytesOwner& owner = {});
  // Drops n bytes from the front (acknowledged).
  void discard(size_t n);
  // `len` queued bytes from `offset`: a view into the queue when they lie in
  // one piece, else a copy in `scratch` (at least len bytes).
  std::span<const uint8_t> view(size_t offset, size_t len, std::span<uint8_t> scratch) const;
  // The same bytes as a reference a frame can hold, when they lie in one
  // referenced piece; empty otherwise.
  PayloadRef reference(size_t offset, size_t len) const;
  // Empties the queue and gives its memory back.
  void release();

 private:
  // A run of queued bytes: referenced (owner set) or copied (in copies_, at
  // absolute ring offset `ring_at`). `begin` is the absolute offset of its
  // first byte in the stream of bytes ever queued. A referenced piece is the
  // `unit` bytes at `data` repeated: byte x of the stream is
  // data[(x - begin) % unit] (one write: len == unit).
  struct Piece {
    BytesOwner owner;
    union {
      const uint8_t* data;
      size_t ring_at;
    };
    size_t unit;
    size_t begin;
    size_t len;
    size_t end() const { return begin + len; }
  };
  // Whether n bytes at `at` continue referenced piece `p`, which then takes them.
  static bool extend(Piece& p, const uint8_t* at, size_t n);
  // The piece holding absolute offset `at`.
  std::vector<Piece>::const_iterator piece_at(size_t at) const;
  // Bytes of `piece` from absolute offset `at` (within it), n of them.
  std::span<const uint8_t> piece_bytes(const Piece& piece, size_t at, size_t n,
                                       std::span<uint8_t> scratch) const;

  ByteRing copies_;
  std::vector<Piece> pieces_;  // from index head_ on; the front is dropped lazily
  size_t head_ = 0;
  size_t front_ = 0;          // absolute offset of the queue's front
  size_t size_ = 0;
  size_t ring_front_ = 0;     // absolute ring offset of copies_' front
  size_t ring_pushed_ = 0;    // bytes ever copied into copies_
  size_t limit_;
};

}  // namespace netsim::devices
