// The values an app computes with: Python's None, bool, int, float, str, bytes,
// tuple and list, plus socket handles. Copies are cheap: text and items are shared.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netsim::lang {

enum class ValueKind : uint8_t { None, Bool, Int, Float, Str, Bytes, Tuple, List, Socket };

// One budget for what apps hold: every str, bytes, tuple and list alive counts
// its bytes against it, all apps together. Past it, building a value raises
// MemoryError, as a Python process out of memory does, instead of the host
// swapping or netsim dying of bad_alloc.
inline constexpr uint64_t kValueBudgetBytes = uint64_t{512} << 20;
// Raises MemoryError unless `bytes` more fit. An operation that builds a big
// value from others (+, *, bytes(n)) calls it before it allocates; the
// factories below call it too, so nothing grows past the budget unseen.
void reserve_value_bytes(uint64_t bytes);
uint64_t live_value_bytes();
// A tuple in a tuple in ... at most this deep (printing, comparing and
// freeing one recurse); deeper raises RecursionError, as Python's repr would.
inline constexpr int kMaxValueDepth = 1000;

// Python's type name: "NoneType", "bool", "int", "float", "str", "bytes", "tuple", "list",
// "socket".
std::string_view to_string(ValueKind kind);

class Value {
 public:
  Value() = default;  // None

  static Value none() { return {}; }
  static Value from_bool(bool b);
  static Value from_int(int64_t i);
  static Value from_float(double f);
  // str, bytes, tuple and list raise MemoryError past the budget (and
  // tuple/list RecursionError past kMaxValueDepth).
  static Value str(std::string utf8);  // must be valid UTF-8 (every producer guarantees it)
  static Value bytes(std::string raw);
  static Value tuple(std::vector<Value> items);
  static Value list(std::vector<Value> items);
  // A Tuple or List of `items`, moved out of them: no vector in between.
  static Value sequence(ValueKind kind, std::span<Value> items);
  // The same, in `spare`'s block when nothing but `spare` holds it (so no
  // value can see it change) and it has room for exactly these items: a loop
  // that makes one such value per turn and drops the last allocates nothing.
  // `spare` then holds the result too.
  static Value sequence_in(Value& spare, ValueKind kind, std::span<Value> items);
  static Value socket(int handle);  // a handle the socket layer hands out

  ValueKind kind() const { return kind_; }
  bool is_number() const {  // bool counts: Python's bool is an int
    return kind_ == ValueKind::Bool || kind_ == ValueKind::Int || kind_ == ValueKind::Float;
  }
  bool is_integer() const { return kind_ == ValueKind::Bool || kind_ == ValueKind::Int; }
  bool is_text() const { return kind_ == ValueKind::Str || kind_ == ValueKind::Bytes; }
  bool is_sequence() const { return kind_ == ValueKind::Tuple || kind_ == ValueKind::List; }

  bool as_bool() const;                     // Bool
  int64_t as_int() const;                   // Bool or Int
  double as_float() const;                  // Bool, Int or Float
  const std::string& text() const;          // Str (UTF-8) or Bytes (raw)
  // The text's shared, never-modified storage: a socket may queue a reference.
  std::shared_ptr<const std::string> shared_text() const {
    if (!is_text()) return nullptr;
    return {data_, static_cast<const std::string*>(data_.get())};
  }
  std::span<const Value> items() const;  // Tuple or List
  // The same text or items, shared: copies of one value, not two values
  // built equal. What is computed from an immutable value may be reused.
  bool same_object(const Value& other) const { return data_ != nullptr && data_ == other.data_; }
  int socket_handle() const;                // Socket

  bool truthy() const;
  std::string repr() const;    // Python repr(): b'abc', 'x', ('1.2.3.4', 80), True, None, [1, 2]
  std::string to_str() const;  // Python str(): a str as is, everything else as repr()
  std::string_view type_name() const { return to_string(kind_); }

  // Python ==: numbers by value across bool/int/float, str and bytes never equal.
  friend bool operator==(const Value& a, const Value& b);

 private:
  // The depth of a sequence of `items`; RecursionError past kMaxValueDepth.
  static uint16_t depth_above(std::span<const Value> items);

  ValueKind kind_ = ValueKind::None;
  uint16_t depth_ = 0;  // tuple/list nesting: 0 for a non-sequence
  union {
    bool boolean;
    int64_t integer;  // also a tuple's or list's item count
    double real;
  } scalar_{.integer = 0};
  // A str's or bytes' std::string, a tuple's or list's array of items, in
  // the block with the reference counts (kind_ says which): one pointer
  // keeps a Value at 32 bytes.
  std::shared_ptr<const void> data_;
};

std::ostream& operator<<(std::ostream& out, const Value& v);  // repr(), for test output

// Python's repr of a float: shortest round-trip digits, "1.0", "1e-05", "inf".
std::string float_repr(double f);

}  // namespace netsim::lang
