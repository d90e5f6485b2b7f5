// UTF-8 validation follows RFC 3629 (no overlongs, no surrogates, at most
// U+10FFFF) and reports failures the way CPython's decoder words them.
#include "sim/scenario/lang/utf8.h"

#include <cassert>

namespace netsim::lang::utf8 {
namespace {

bool continuation(uint8_t b) { return (b & 0xc0) == 0x80; }

// Length of the sequence a lead byte starts, 0 for an invalid start byte.
size_t sequence_length(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// The allowed range of the second byte, which rules out overlongs, surrogates
// and code points above U+10FFFF (RFC 3629 §4).
bool second_byte_ok(uint8_t lead, uint8_t b) {
  switch (lead) {
    case 0xe0:
      return b >= 0xa0 && b <= 0xbf;
    case 0xed:
      return b >= 0x80 && b <= 0x9f;
    case 0xf0:
      return b >= 0x90 && b <= 0xbf;
    case 0xf4:
      return b >= 0x80 && b <= 0x8f;
    default:
      return continuation(b);
  }
}

}  // namespace

std::optional<DecodeFailure> first_invalid(std::string_view bytes, size_t from) {
  size_t i = from;
  while (i < bytes.size()) {
    const auto lead = static_cast<uint8_t>(bytes[i]);
    const size_t length = sequence_length(lead);
    if (length == 0) return DecodeFailure{i, 1, "invalid start byte"};
    for (size_t k = 1; k < length; ++k) {
      if (i + k >= bytes.size()) return DecodeFailure{i, k, "unexpected end of data"};
      const auto b = static_cast<uint8_t>(bytes[i + k]);
      if (!(k == 1 ? second_byte_ok(lead, b) : continuation(b))) {
        return DecodeFailure{i, k, "invalid continuation byte"};
      }
    }
    i += length;
  }
  return std::nullopt;
}

uint32_t next(std::string_view valid, size_t& i) {
  const auto lead = static_cast<uint8_t>(valid[i]);
  const size_t length = sequence_length(lead);
  assert(length > 0 && i + length <= valid.size() && "next() needs valid UTF-8");
  uint32_t cp = length == 1 ? lead : lead & (0x7f >> length);
  for (size_t k = 1; k < length; ++k) cp = cp << 6 | (static_cast<uint8_t>(valid[i + k]) & 0x3f);
  i += length;
  return cp;
}

size_t count_code_points(std::string_view valid) {
  size_t n = 0;
  for (char c : valid) n += !continuation(static_cast<uint8_t>(c));
  return n;
}

size_t offset_of(std::string_view valid, size_t index) {
  size_t i = 0;
  for (size_t k = 0; k < index && i < valid.size(); ++k) next(valid, i);
  return i;
}

void append(std::string& out, uint32_t cp) {
  assert(cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && "not a Unicode scalar value");
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace netsim::lang::utf8
