// A first-in first-out queue over one vector that allocates nothing until its
// first push. std::deque allocates 576 bytes when it is constructed, so every
// TCP socket (its accept queue) and every UDP socket (its datagrams) paid that
// idle or not: 4.6 MB for W1's 8,000 sockets at K=20. Popped slots are
// reclaimed when the queue drains, or when the dead front is half the vector.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

namespace netsim {

template <class T>
class Fifo {
 public:
  bool empty() const { return head_ == items_.size(); }
  size_t size() const { return items_.size() - head_; }
  T& front() { return items_[head_]; }
  const T& front() const { return items_[head_]; }
  auto begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  auto end() const { return items_.end(); }

  void push_back(T item) { items_.push_back(std::move(item)); }
  void pop_front() {
    items_[head_] = T{};  // gives up what the item holds now, not at reclamation
    if (++head_ == items_.size()) {
      clear();
    } else if (head_ >= kReclaimAt && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  // Drops every item equal to `item`, wherever it is queued.
  void remove(const T& item) {
    items_.erase(std::remove(items_.begin() + static_cast<std::ptrdiff_t>(head_), items_.end(), item),
                 items_.end());
    if (empty()) clear();
  }
  void clear() {
    items_.clear();
    head_ = 0;
  }

 private:
  static constexpr size_t kReclaimAt = 16;
  std::vector<T> items_;
  size_t head_ = 0;
};

}  // namespace netsim
