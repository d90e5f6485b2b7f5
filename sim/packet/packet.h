// Frames are real bytes in pooled buffers. A Packet is a reference-counted
// handle: a hub's copies share one buffer; a router rewrites in place when it
// holds the only reference. Freed buffers keep their capacity and return to
// the pool (by size class), so steady-state forwarding does not allocate.
#pragma once
#include <cassert>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace netsim {

class PacketPool;

struct PacketBuffer {
  std::vector<uint8_t> bytes;
  uint64_t uid = 0;
  uint32_t refs = 0;
  // A periodic protocol's frame (a BPDU): its events on the wire do not keep
  // a run going, however often it is copied or repeated.
  bool background = false;
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
  ~Packet() { release(); }

  explicit operator bool() const { return buf_ != nullptr; }
  std::span<const uint8_t> bytes() const { return {buf_->bytes.data(), buf_->bytes.size()}; }
  // Writable bytes; only the sole holder may write (clone first otherwise).
  std::span<uint8_t> mutable_bytes() {
    assert(unique() && "writing a shared packet buffer");
    return {buf_->bytes.data(), buf_->bytes.size()};
  }
  size_t size() const { return buf_->bytes.size(); }
  // Shrinks or grows (zero-filled) the frame, e.g. to add Ethernet padding.
  void resize(size_t n) {
    assert(unique());
    buf_->bytes.resize(n, 0);
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
  inline void release();

  PacketBuffer* buf_ = nullptr;
};

class PacketPool {
 public:
  PacketPool() = default;
  PacketPool(const PacketPool&) = delete;
  PacketPool& operator=(const PacketPool&) = delete;

  // A zero-filled packet of `size` bytes with the given uid.
  Packet allocate(size_t size, uint64_t uid) {
    const bool small = size <= kSmallFrame;
    std::vector<PacketBuffer*>& free = free_[small ? 0 : 1];
    PacketBuffer* b;
    if (!free.empty()) {
      b = free.back();
      free.pop_back();
    } else {
      owned_.push_back(std::make_unique<PacketBuffer>());
      b = owned_.back().get();
      b->pool = this;
      if (small) b->bytes.reserve(kSmallFrame);
    }
    b->bytes.assign(size, 0);
    b->uid = uid;
    b->background = false;
    return Packet(b);
  }
  // Own copy of the bytes, same uid (the same frame, now writable).
  Packet clone(const Packet& p) {
    Packet c = allocate(p.size(), p.uid());
    auto src = p.bytes();
    std::copy(src.begin(), src.end(), c.mutable_bytes().begin());
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
  void recycle(PacketBuffer* b) { free_[b->bytes.capacity() <= kSmallFrame ? 0 : 1].push_back(b); }

  // Two size classes: a small frame (an ACK, ARP, a minimum-size frame with
  // room for a VLAN tag) takes a small buffer, never one that once held a
  // full segment, so the memory pinned follows what is in flight.
  static constexpr size_t kSmallFrame = 128;
  std::vector<std::unique_ptr<PacketBuffer>> owned_;
  std::vector<PacketBuffer*> free_[2];  // small, large
};

inline void Packet::release() {
  if (buf_ && --buf_->refs == 0) buf_->pool->recycle(buf_);
  buf_ = nullptr;
}

}  // namespace netsim
