// A move-only callable stored inline (no heap): events and timers hold these,
// so scheduling an event never allocates. A capture too large is a compile error.
#pragma once
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace netsim {

template <typename Signature, std::size_t Capacity = 48>
class InplaceFunction;

template <typename R, typename... Args, std::size_t Capacity>
class InplaceFunction<R(Args...), Capacity> {
 public:
  InplaceFunction() = default;

  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, InplaceFunction>>>
  InplaceFunction(F&& f) {  // NOLINT: implicit like std::function
    using Fn = std::decay_t<F>;
    static_assert(sizeof(Fn) <= Capacity, "callable capture too large for InplaceFunction");
    static_assert(alignof(Fn) <= alignof(std::max_align_t));
    ::new (storage_) Fn(std::forward<F>(f));
    ops_ = &kOps<Fn>;
  }

  InplaceFunction(InplaceFunction&& other) noexcept { take(other); }
  InplaceFunction& operator=(InplaceFunction&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  InplaceFunction(const InplaceFunction&) = delete;
  InplaceFunction& operator=(const InplaceFunction&) = delete;
  ~InplaceFunction() { reset(); }

  // Builds `f` in place (an event record's callback: no temporary, no move).
  template <typename F>
  void emplace(F&& f) {
    if constexpr (std::is_same_v<std::decay_t<F>, InplaceFunction>) {
      *this = std::move(f);
    } else {
      using Fn = std::decay_t<F>;
      static_assert(sizeof(Fn) <= Capacity, "callable capture too large for InplaceFunction");
      static_assert(alignof(Fn) <= alignof(std::max_align_t));
      reset();
      ::new (storage_) Fn(std::forward<F>(f));
      ops_ = &kOps<Fn>;
    }
  }

  explicit operator bool() const { return ops_ != nullptr; }
  R operator()(Args... args) { return ops_->invoke(storage_, std::forward<Args>(args)...); }

  void reset() {
    if (ops_) ops_->destroy(storage_);
    ops_ = nullptr;
  }

 private:
  struct Ops {
    R (*invoke)(void*, Args&&...);
    void (*move)(void* from, void* to);
    void (*destroy)(void*);
  };
  template <typename Fn>
  static constexpr Ops kOps{
      [](void* s, Args&&... args) -> R { return (*static_cast<Fn*>(s))(std::forward<Args>(args)...); },
      [](void* from, void* to) { ::new (to) Fn(std::move(*static_cast<Fn*>(from))); },
      [](void* s) { static_cast<Fn*>(s)->~Fn(); }};

  void take(InplaceFunction& other) {
    if (other.ops_) {
      other.ops_->move(other.storage_, storage_);
      other.ops_->destroy(other.storage_);
      ops_ = other.ops_;
      other.ops_ = nullptr;
    }
  }

  alignas(std::max_align_t) unsigned char storage_[Capacity];
  const Ops* ops_ = nullptr;
};

}  // namespace netsim
