// UTF-8 as Python's str needs it: validation with Python's error wording,
// code point iteration and counting, encoding a code point.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netsim::lang::utf8 {

// The first invalid sequence in some bytes, as UnicodeDecodeError reports it.
struct DecodeFailure {
  size_t position = 0;  // byte offset of the offending sequence
  size_t length = 1;    // bytes it spans (what errors="replace" turns into one U+FFFD)
  std::string_view
      reason;  // "invalid start byte", "invalid continuation byte", "unexpected end of data"
};

// nullopt when the bytes at `from` and after are valid UTF-8 up to the first failure.
std::optional<DecodeFailure> first_invalid(std::string_view bytes, size_t from = 0);

// Decodes the code point starting at `i` of valid UTF-8 and moves `i` past it.
uint32_t next(std::string_view valid, size_t& i);

size_t count_code_points(std::string_view valid);

// Byte offset of code point number `index` (index <= count): for str indexing and slicing.
size_t offset_of(std::string_view valid, size_t index);

// Appends a code point (not a surrogate, at most U+10FFFF).
void append(std::string& out, uint32_t code_point);

}  // namespace netsim::lang::utf8
