// TCP sequence numbers: 32-bit values compared modulo 2^32 (RFC 9293 §3.4),
// so a connection keeps working when its numbers wrap past zero.
#pragma once
#include <cstdint>
#include <string>

namespace netsim::devices {

class SeqNumber {
 public:
  constexpr SeqNumber() = default;
  constexpr explicit SeqNumber(uint32_t value) : value_(value) {}
  constexpr uint32_t value() const { return value_; }

  constexpr SeqNumber operator+(uint32_t n) const { return SeqNumber(value_ + n); }
  constexpr SeqNumber operator-(uint32_t n) const { return SeqNumber(value_ - n); }
  constexpr SeqNumber& operator+=(uint32_t n) {
    value_ += n;
    return *this;
  }
  // Signed distance a - b; meaningful while the two lie within 2^31 of each other.
  friend constexpr int32_t operator-(SeqNumber a, SeqNumber b) {
    return static_cast<int32_t>(a.value_ - b.value_);
  }
  friend constexpr bool operator==(SeqNumber a, SeqNumber b) { return a.value_ == b.value_; }
  friend constexpr bool operator<(SeqNumber a, SeqNumber b) { return a - b < 0; }
  friend constexpr bool operator<=(SeqNumber a, SeqNumber b) { return a - b <= 0; }
  friend constexpr bool operator>(SeqNumber a, SeqNumber b) { return a - b > 0; }
  friend constexpr bool operator>=(SeqNumber a, SeqNumber b) { return a - b >= 0; }

 private:
  uint32_t value_ = 0;
};

constexpr SeqNumber seq_max(SeqNumber a, SeqNumber b) { return a < b ? b : a; }
constexpr SeqNumber seq_min(SeqNumber a, SeqNumber b) { return a < b ? a : b; }

// A sequence number as --explain and tshark show it: relative to the initial one.
inline std::string relative(SeqNumber seq, SeqNumber base) { return std::to_string(seq - base); }

}  // namespace netsim::devices
