// Why a wire parser rejected its bytes: one small enum shared by every format,
// printed as the words the trace and drop reasons use ("bad-checksum").
#pragma once
#include <cstdint>
#include <string_view>

namespace netsim::wire {

enum class ParseError : uint8_t {
  Truncated,        // fewer bytes than the header (or a length field) requires
  BadVersion,       // IPv4 version field is not 4
  BadHeaderLength,  // IHL / TCP data offset / an option length out of range
  BadLength,        // a total/length field disagrees with the bytes present
  BadChecksum,
  Unsupported,  // well formed but outside what we model (e.g. ARP for non-Ethernet/IPv4)
};

// "truncated", "bad-version", "bad-header-length", "bad-length", "bad-checksum", "unsupported".
std::string_view to_string(ParseError error);

}  // namespace netsim::wire
