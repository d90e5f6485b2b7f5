// Value construction, truth, equality and Python's repr().
#include "sim/scenario/lang/value.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <type_traits>

#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/spare_block_allocator.h"
#include "sim/scenario/lang/text_recycler.h"
#include "sim/scenario/lang/utf8.h"

namespace netsim::lang {
namespace {

uint64_t g_live_bytes = 0;  // the simulation is single-threaded

// A value's text or items with its bytes, given back to the budget when the
// last reference goes. allocate_shared puts it and the reference counts in
// one block, taken from and given back to a few spares: a received
// datagram's bytes cost one malloc less, or two. A big text's storage goes
// back to the recycler for the next recv.
template <typename T>
struct Counted {
  Counted(T&& p, uint64_t b) : payload(std::move(p)), bytes(b) {}
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;
  ~Counted() {
    g_live_bytes -= bytes;
    if constexpr (std::is_same_v<T, std::string>) recycle_text_storage(std::move(payload));
  }
  T payload;
  uint64_t bytes;
};

template <typename T>
std::shared_ptr<const T> counted(T&& payload, uint64_t bytes) {
  reserve_value_bytes(bytes);
  auto block = std::allocate_shared<Counted<T>>(SpareBlockAllocator<Counted<T>>(),
                                                std::move(payload), bytes);
  g_live_bytes += bytes;
  const T* held = &block->payload;
  return std::shared_ptr<const T>(std::move(block), held);  // aliasing: one block, no count traffic
}

// Allocates a sequence's items with their reference counts (allocate_shared
// of an array: one block) and counts them against the budget while it lives.
template <typename T>
struct CountingAllocator {
  using value_type = T;
  explicit CountingAllocator(uint64_t b) : bytes(b) {}
  template <typename U>
  explicit CountingAllocator(const CountingAllocator<U>& other) : bytes(other.bytes) {}
  T* allocate(size_t n) {
    T* p = std::allocator<T>().allocate(n);
    g_live_bytes += bytes;
    return p;
  }
  void deallocate(T* p, size_t n) {
    g_live_bytes -= bytes;
    std::allocator<T>().deallocate(p, n);
  }
  friend bool operator==(const CountingAllocator&, const CountingAllocator&) { return true; }
  uint64_t bytes;
};

}  // namespace

void reserve_value_bytes(uint64_t bytes) {
  if (bytes > kValueBudgetBytes - std::min(g_live_bytes, kValueBudgetBytes))
    throw PyError(ErrorKind::MemoryError, "app values would take more than " +
                                              std::to_string(kValueBudgetBytes >> 20) + " MiB");
}

uint64_t live_value_bytes() { return g_live_bytes; }

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::None:
      return "NoneType";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::Int:
      return "int";
    case ValueKind::Float:
      return "float";
    case ValueKind::Str:
      return "str";
    case ValueKind::Bytes:
      return "bytes";
    case ValueKind::Tuple:
      return "tuple";
    case ValueKind::List:
      return "list";
    case ValueKind::Socket:
      return "socket";
  }
  return "?";
}

Value Value::from_bool(bool b) {
  Value v;
  v.kind_ = ValueKind::Bool;
  v.scalar_.boolean = b;
  return v;
}

Value Value::from_int(int64_t i) {
  Value v;
  v.kind_ = ValueKind::Int;
  v.scalar_.integer = i;
  return v;
}

Value Value::from_float(double f) {
  Value v;
  v.kind_ = ValueKind::Float;
  v.scalar_.real = f;
  return v;
}

Value Value::str(std::string utf8) {
  assert(!utf8::first_invalid(utf8) && "a str holds valid UTF-8");
  Value v;
  v.kind_ = ValueKind::Str;
  const uint64_t size = utf8.size();
  v.data_ = counted(std::move(utf8), size);
  return v;
}

Value Value::bytes(std::string raw) {
  Value v;
  v.kind_ = ValueKind::Bytes;
  const uint64_t size = raw.size();
  v.data_ = counted(std::move(raw), size);
  return v;
}

Value Value::tuple(std::vector<Value> items) { return sequence(ValueKind::Tuple, items); }

Value Value::list(std::vector<Value> items) { return sequence(ValueKind::List, items); }

uint16_t Value::depth_above(std::span<const Value> items) {
  int depth = 0;
  for (const Value& item : items) depth = std::max<int>(depth, item.depth_);
  if (depth >= kMaxValueDepth)
    throw PyError(ErrorKind::RecursionError,
                  "values nested more than " + std::to_string(kMaxValueDepth) + " levels deep");
  return static_cast<uint16_t>(depth + 1);
}

Value Value::sequence_in(Value& spare, ValueKind kind, std::span<Value> items) {
  if (spare.kind_ != kind || spare.data_.use_count() != 1 ||
      static_cast<size_t>(spare.scalar_.integer) != items.size())
    return spare = sequence(kind, items);
  spare.depth_ = depth_above(items);
  // Sole owner: the block is no one else's value, so it may take new items.
  Value* block = const_cast<Value*>(static_cast<const Value*>(spare.data_.get()));
  std::move(items.begin(), items.end(), block);
  return spare;
}

Value Value::sequence(ValueKind kind, std::span<Value> items) {
  assert(kind == ValueKind::Tuple || kind == ValueKind::List);
  Value v;
  v.kind_ = kind;
  v.depth_ = depth_above(items);
  const uint64_t size = items.size() * sizeof(Value);
  reserve_value_bytes(size);
  std::shared_ptr<Value[]> block =
      std::allocate_shared<Value[]>(CountingAllocator<Value>(size), items.size());
  std::move(items.begin(), items.end(), block.get());
  v.scalar_.integer = static_cast<int64_t>(items.size());
  v.data_ = std::move(block);
  return v;
}

Value Value::socket(int handle) {
  Value v;
  v.kind_ = ValueKind::Socket;
  v.scalar_.integer = handle;
  return v;
}

bool Value::as_bool() const {
  assert(kind_ == ValueKind::Bool);
  return scalar_.boolean;
}

int64_t Value::as_int() const {
  assert(is_integer());
  return kind_ == ValueKind::Bool ? int64_t{scalar_.boolean} : scalar_.integer;
}

double Value::as_float() const {
  assert(is_number());
  return kind_ == ValueKind::Float ? scalar_.real : static_cast<double>(as_int());
}

const std::string& Value::text() const {
  assert(is_text());
  return *static_cast<const std::string*>(data_.get());
}

std::span<const Value> Value::items() const {
  assert(is_sequence());
  return {static_cast<const Value*>(data_.get()), static_cast<size_t>(scalar_.integer)};
}

int Value::socket_handle() const {
  assert(kind_ == ValueKind::Socket);
  return static_cast<int>(scalar_.integer);
}

bool Value::truthy() const {
  switch (kind_) {
    case ValueKind::None:
      return false;
    case ValueKind::Bool:
      return scalar_.boolean;
    case ValueKind::Int:
      return scalar_.integer != 0;
    case ValueKind::Float:
      return scalar_.real != 0.0;
    case ValueKind::Str:
    case ValueKind::Bytes:
      return !text().empty();
    case ValueKind::Tuple:
    case ValueKind::List:
      return !items().empty();
    case ValueKind::Socket:
      return true;
  }
  return false;
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_integer() && b.is_integer()) return a.as_int() == b.as_int();
    return a.as_float() == b.as_float();
  }
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case ValueKind::None:
      return true;
    case ValueKind::Str:
    case ValueKind::Bytes:
      return a.text() == b.text();
    case ValueKind::Tuple:
    case ValueKind::List:
      return std::equal(a.items().begin(), a.items().end(), b.items().begin(), b.items().end());
    case ValueKind::Socket:
      return a.scalar_.integer == b.scalar_.integer;
    default:
      return false;  // numbers handled above
  }
}

namespace {

// \xhh, by hand: snprintf per byte made repr of a 64-byte literal (the
// parse cache keys literals by repr) cost more than parsing its step.
void append_hex_escape(std::string& out, uint32_t byte) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  out += "\\x";
  out += kDigits[(byte >> 4) & 0xf];
  out += kDigits[byte & 0xf];
}

// Python picks single quotes unless the text holds a single quote and no double quote.
char quote_for(std::string_view text) {
  return text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos
             ? '"'
             : '\'';
}

// The escapes repr() shares between str and bytes; false when `c` needs none of them.
bool append_common_escape(std::string& out, uint32_t c, char quote) {
  switch (c) {
    case '\\':
      out += "\\\\";
      return true;
    case '\n':
      out += "\\n";
      return true;
    case '\r':
      out += "\\r";
      return true;
    case '\t':
      out += "\\t";
      return true;
    default:
      break;
  }
  if (c == static_cast<uint32_t>(quote)) {
    out += '\\';
    out += quote;
    return true;
  }
  return false;
}

std::string str_repr(std::string_view text) {
  const char quote = quote_for(text);
  std::string out(1, quote);
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const uint32_t c = utf8::next(text, i);
    if (append_common_escape(out, c, quote)) continue;
    // Control characters are escaped; every other code point prints as itself
    // (Python escapes a few more non-printable ones; apps rarely hold those).
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
      append_hex_escape(out, c);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  out += quote;
  return out;
}

std::string bytes_repr(std::string_view raw) {
  const char quote = quote_for(raw);
  std::string out = "b";
  out += quote;
  for (char ch : raw) {
    const auto c = static_cast<uint8_t>(ch);
    if (append_common_escape(out, c, quote)) continue;
    if (c < 0x20 || c >= 0x7f) {
      append_hex_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

std::string sequence_repr(std::span<const Value> items, bool tuple) {
  std::string out = tuple ? "(" : "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i].repr();
  }
  if (tuple && items.size() == 1) out += ',';
  out += tuple ? ")" : "]";
  return out;
}

}  // namespace

std::string float_repr(double f) {
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  // Shortest round-trip digits in scientific form, then Python's layout rule
  // (float_repr_style 'short'): positional when -4 <= exponent < 16.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  const size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+'), sci.data() + sci.size(),
                  exponent);
  std::string out;
  if (mantissa.front() == '-') {
    out += '-';
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_buf;
  } else if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  } else {
    const auto int_digits = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_digits) {
      out += digits;
      out.append(int_digits - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, int_digits);
      out += '.';
      out += digits.substr(int_digits);
    }
  }
  return out;
}

std::string Value::repr() const {
  switch (kind_) {
    case ValueKind::None:
      return "None";
    case ValueKind::Bool:
      return scalar_.boolean ? "True" : "False";
    case ValueKind::Int:
      return std::to_string(scalar_.integer);
    case ValueKind::Float:
      return float_repr(scalar_.real);
    case ValueKind::Str:
      return str_repr(text());
    case ValueKind::Bytes:
      return bytes_repr(text());
    case ValueKind::Tuple:
      return sequence_repr(items(), true);
    case ValueKind::List:
      return sequence_repr(items(), false);
    case ValueKind::Socket:
      return "<socket fd=" + std::to_string(scalar_.integer) + ">";
  }
  return "?";
}

std::string Value::to_str() const { return kind_ == ValueKind::Str ? text() : repr(); }

std::ostream& operator<<(std::ostream& out, const Value& v) { return out << v.repr(); }

}  // namespace netsim::lang
