// Frames are real bytes in pooled buffers. A Packet is a reference-counted
// handle: a hub's copies share one buffer; a router rewrites in place when it
// holds the only reference. Freed buffers keep their capacity and return to
// the pool (by size class), so steady-state forwarding does not allocate.
//
// A frame's bytes are its head (stored in the buffer: at least every header
// its sender wrote) followed by an optional tail referenced, not copied (a TCP
// segment's payload, see payload_ref.h). Switches, routers and ports read and
// rewrite headers through head(); whatever needs the whole frame in one piece
// (a host's transport, a VLAN tag, NAT) gets it from bytes(), which copies the
// tail in once, or from view() into scratch memory (the trace).
#pragma once
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/packet/frame_bytes.h"
#include "sim/packet/payload_ref.h"

namespace netsim {

class PacketPool;

// Three cache lines, aligned: what a receiver reads first (the count, where
// the bytes are, the headers themselves) leads.
struct alignas(64) PacketBuffer {
  uint32_t refs = 0;
  // A periodic protocol's frame (a BPDU): its events on the wire do not keep
  // a run going, however often it is copied or repeated.
  bool background = false;
  FrameBytes bytes;  // the head
  PayloadRef tail;
  uint64_t uid = 0;
  PacketPool* pool = nullptr;
};

class Packet {
 public:
  Packet() = default;
  Packet(const Packet& o) : buf_(o.buf_) { retain(); }
  Packet(Packet&& o) noexcept : buf_(o.buf_) { o.buf_ = nullptr; }
  Packet& operator=(Packet o) noexcept {
    std::swap(buf_, o.buf_);
    return *this;
  }
  // Inline and tiny: a frame is moved through a dozen calls a hop, and each
  // moved-from handle is destroyed empty.
  ~Packet() {
    if (buf_) drop_ref();
  }

  explicit operator bool() const { return buf_ != nullptr; }
  // Asks the cache for the frame's record ahead of its use (a queued frame's next turn).
  void prefetch() const { __builtin_prefetch(buf_); }
  // The whole frame in one piece. A referenced tail is copied into the buffer
  // first (the same bytes, so every holder may see it happen), which moves
  // the head: spans from head() taken before are stale.
  std::span<const uint8_t> bytes() const {
    flatten();
    return head();
  }
  // The frame's first bytes: every header, not necessarily the payload.
  std::span<const uint8_t> head() const { return {buf_->bytes.data(), buf_->bytes.size()}; }
  // The whole frame in one piece without changing the packet: the buffer's
  // bytes, or a copy in `scratch` when the tail is referenced.
  std::span<const uint8_t> view(std::vector<uint8_t>& scratch) const {
    if (!buf_->tail) return head();
    // Sized first: a scratch that already held a frame this long is not
    // zero-filled again before both parts overwrite it.
    scratch.resize(size());
    std::copy_n(buf_->bytes.data(), buf_->bytes.size(), scratch.begin());
    buf_->tail.copy_to(scratch.data() + buf_->bytes.size());
    return scratch;
  }
  // Writable bytes; only the sole holder may write (clone first otherwise).
  std::span<uint8_t> mutable_bytes() {
    flatten();
    return mutable_head();
  }
  std::span<uint8_t> mutable_head() {
    assert(unique() && "writing a shared packet buffer");
    return {buf_->bytes.data(), buf_->bytes.size()};
  }
  size_t size() const { return buf_->bytes.size() + buf_->tail.len; }
  // Shrinks or grows (zero-filled) the frame, e.g. to add Ethernet padding.
  void resize(size_t n) {
    assert(unique());
    flatten();
    buf_->bytes.resize(n);
  }
  // Identity of the frame across hops and copies: trace lines, pcap records
  // and animated dots join on it.
  uint64_t uid() const { return buf_->uid; }
  bool unique() const { return buf_->refs == 1; }
  bool background() const { return buf_->background; }
  void set_background() { buf_->background = true; }

 private:
  friend class PacketPool;
  explicit Packet(PacketBuffer* b) : buf_(b) { retain(); }
  void retain() {
    if (buf_) ++buf_->refs;
  }
  inline void drop_ref();
  void flatten() const {
    PacketBuffer& b = *buf_;
    if (!b.tail) return;
    const size_t head = b.bytes.size();
    b.bytes.resize(head + b.tail.len);
    b.tail.copy_to(b.bytes.data() + head);
    b.tail = {};
  }

  PacketBuffer* buf_ = nullptr;
};

class PacketPool {
 public:
  PacketPool() = default;
  PacketPool(const PacketPool&) = delete;
  PacketPool& operator=(const PacketPool&) = delete;

  // A packet of `size` zero bytes with the given uid, then `tail`'s.
  Packet allocate(size_t size, uint64_t uid, PayloadRef tail = {}) {
    std::vector<PacketBuffer*>& free = free_[size <= FrameBytes::kInline ? 0 : 1];
    PacketBuffer* b;
    if (!free.empty()) {
      b = free.back();
      free.pop_back();
    } else {
      owned_.push_back(std::make_unique<PacketBuffer>());
      b = owned_.back().get();
      b->pool = this;
    }
    b->bytes.assign_zeros(size);
    b->tail = std::move(tail);
    b->uid = uid;
    b->background = false;
    return Packet(b);
  }
  // Own copy of the bytes, same uid (the same frame, now writable). A
  // referenced tail stays referenced: nobody writes it in place.
  Packet clone(const Packet& p) {
    const auto src = p.head();
    Packet c = allocate(src.size(), p.uid(), p.buf_->tail);
    std::copy(src.begin(), src.end(), c.mutable_head().begin());
    c.buf_->background = p.buf_->background;
    return c;
  }
  // Makes `p` writable: a no-op when it is the only holder.
  void make_unique(Packet& p) {
    if (!p.unique()) p = clone(p);
  }
  size_t buffers_created() const { return owned_.size(); }

 private:
  friend class Packet;
  [[gnu::noinline]] void recycle(PacketBuffer* b) {
    b->tail = {};  // the owner's bytes need not outlive the frame
    free_[b->bytes.on_heap() ? 1 : 0].push_back(b);
  }

  // Two size classes: a small frame (an ACK, ARP, a small datagram, any
  // frame whose payload is referenced) takes a buffer whose bytes fit in it,
  // never one that once held a full segment in a block of its own, so the
  // memory pinned follows what is in flight.
  std::vector<std::unique_ptr<PacketBuffer>> owned_;
  std::vector<PacketBuffer*> free_[2];  // small, large
};

inline void Packet::drop_ref() {
  if (--buf_->refs == 0) buf_->pool->recycle(buf_);
}

}  // namespace netsim
