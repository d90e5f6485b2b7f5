// An allocator that keeps a few freed blocks of its one size for the next
// allocation. A ping's echo app makes a bytes value per recv and drops the
// previous one: its reference-count block then comes off a short free list
// instead of a malloc/free pair.
#pragma once
#include <cstddef>
#include <memory>
#include <new>

namespace netsim::lang {

template <typename T>
struct SpareBlockAllocator {
  using value_type = T;
  // The list is short: what it keeps is only what malloc would keep anyway,
  // never much (the simulation is single-threaded).
  static constexpr size_t kMaxSpares = 64;

  SpareBlockAllocator() = default;
  template <typename U>
  explicit SpareBlockAllocator(const SpareBlockAllocator<U>&) {}

  T* allocate(size_t n) {
    if (n != 1 || spares_ == nullptr) return std::allocator<T>().allocate(n);
    Link* block = spares_;
    spares_ = block->next;
    --count_;
    block->~Link();
    return reinterpret_cast<T*>(block);
  }
  void deallocate(T* p, size_t n) {
    if (n != 1 || count_ == kMaxSpares) return std::allocator<T>().deallocate(p, n);
    spares_ = ::new (static_cast<void*>(p)) Link{spares_};
    ++count_;
  }
  friend bool operator==(const SpareBlockAllocator&, const SpareBlockAllocator&) { return true; }

 private:
  struct Link {
    Link* next;
  };
  static_assert(sizeof(T) >= sizeof(Link) && alignof(T) >= alignof(Link));
  static inline Link* spares_ = nullptr;
  static inline size_t count_ = 0;
};

}  // namespace netsim::lang
