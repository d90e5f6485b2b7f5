// SendQueue: pieces found by binary search on their stream offsets.
#include "devices/stack/tcp/send_queue.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace netsim::devices {

namespace {
// Below this a reference (a piece of 40 bytes) costs more than a copy. What
// counts is the write, not the part that fits, and the rest of a referenced
// write (sendall resuming as the buffer drains) extends its piece.
constexpr size_t kReferenceMin = 256;
}  // namespace

bool SendQueue::extend(Piece& p, const uint8_t* at, size_t n) {
  if (p.len == p.unit && at == p.data + p.unit) {
    p.unit += n;  // the rest of a write that filled the buffer (sendall resuming)
    p.len += n;
    return true;
  }
  // The owner's bytes never change, so the same address holds the same bytes:
  // the object written again from its start, or the rest of such a write.
  const size_t phase = p.len % p.unit;
  if (at != p.data + phase || phase + n > p.unit) return false;
  p.len += n;
  return true;
}

size_t SendQueue::push(std::span<const uint8_t> data, const BytesOwner& owner) {
  const size_t n = std::min(data.size(), room());
  if (n == 0) return 0;
  const size_t begin = front_ + size_;
  if (owner && head_ < pieces_.size() && pieces_.back().owner == owner &&
      extend(pieces_.back(), data.data(), n)) {
    // the last piece took them
  } else if (owner && data.size() >= kReferenceMin) {
    Piece& p = pieces_.emplace_back();
    p.owner = owner;
    p.data = data.data();
    p.unit = n;
    p.begin = begin;
    p.len = n;
  } else {
    copies_.push(data.first(n));
    if (head_ < pieces_.size() && !pieces_.back().owner) {
      pieces_.back().len += n;  // copied bytes follow each other in the ring
    } else {
      Piece& p = pieces_.emplace_back();
      p.ring_at = ring_pushed_;
      p.begin = begin;
      p.len = n;
    }
    ring_pushed_ += n;
  }
  size_ += n;
  return n;
}

void SendQueue::discard(size_t n) {
  assert(n <= size_ && "discard beyond the queue");
  size_ -= n;
  front_ += n;
  while (head_ < pieces_.size() && pieces_[head_].end() <= front_) {
    Piece& p = pieces_[head_++];
    if (!p.owner) {
      copies_.discard(p.ring_at + p.len - ring_front_);
      ring_front_ = p.ring_at + p.len;
    }
    p.owner.reset();
  }
  if (head_ < pieces_.size() && !pieces_[head_].owner) {
    // The front piece is partly acknowledged: its ring bytes go now.
    const Piece& p = pieces_[head_];
    const size_t acked = p.ring_at + (front_ - p.begin);
    copies_.discard(acked - ring_front_);
    ring_front_ = acked;
  }
  if (head_ == pieces_.size()) {
    pieces_.clear();
    head_ = 0;
  } else if (head_ * 2 >= pieces_.size() && head_ >= 16) {
    pieces_.erase(pieces_.begin(), pieces_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

std::span<const uint8_t> SendQueue::piece_bytes(const Piece& piece, size_t at, size_t n,
                                                std::span<uint8_t> scratch) const {
  if (piece.owner) {
    const size_t phase = (at - piece.begin) % piece.unit;
    if (phase + n <= piece.unit) return {piece.data + phase, n};
    assert(scratch.size() >= n && "scratch too small for a view across repetitions");
    for (size_t done = 0, from = phase; done < n; from = 0) {  // across the unit's end
      const size_t k = std::min(n - done, piece.unit - from);
      std::memcpy(scratch.data() + done, piece.data + from, k);
      done += k;
    }
    return scratch.first(n);
  }
  return copies_.view(piece.ring_at + (at - piece.begin) - ring_front_, n, scratch);
}

std::vector<SendQueue::Piece>::const_iterator SendQueue::piece_at(size_t at) const {
  auto it = std::upper_bound(pieces_.begin() + static_cast<std::ptrdiff_t>(head_), pieces_.end(),
                             at, [](size_t a, const Piece& p) { return a < p.begin; });
  return --it;
}

std::span<const uint8_t> SendQueue::view(size_t offset, size_t len,
                                         std::span<uint8_t> scratch) const {
  assert(offset + len <= size_ && "view beyond the queue");
  if (len == 0) return {};
  size_t at = front_ + offset;
  const size_t end = at + len;
  auto it = piece_at(at);
  if (end <= it->end()) return piece_bytes(*it, at, len, scratch);
  assert(scratch.size() >= len && "scratch too small for a view across pieces");
  for (size_t done = 0; at < end; ++it) {
    const size_t n = std::min(end, it->end()) - at;
    const auto part = piece_bytes(*it, at, n, scratch.subspan(done));
    if (part.data() != scratch.data() + done) std::memcpy(scratch.data() + done, part.data(), n);
    done += n;
    at += n;
  }
  return scratch.first(len);
}

PayloadRef SendQueue::reference(size_t offset, size_t len) const {
  assert(offset + len <= size_ && "reference beyond the queue");
  if (len == 0) return {};
  const size_t at = front_ + offset;
  const Piece& p = *piece_at(at);
  if (!p.owner || at + len > p.end()) return {};
  return {p.owner, p.data, static_cast<uint32_t>(p.unit),
          static_cast<uint32_t>((at - p.begin) % p.unit), static_cast<uint32_t>(len)};
}

void SendQueue::release() {
  copies_.release();
  std::vector<Piece>().swap(pieces_);
  head_ = 0;
  front_ += size_;
  size_ = 0;
  ring_front_ = ring_pushed_;
}

}  // namespace netsim::devices
