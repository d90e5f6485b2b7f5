// Printing parse errors: the words drop reasons and the trace show.
#include "sim/wire/parse_error.h"

namespace netsim::wire {

std::string_view to_string(ParseError error) {
  switch (error) {
    case ParseError::Truncated: return "truncated";
    case ParseError::BadVersion: return "bad-version";
    case ParseError::BadHeaderLength: return "bad-header-length";
    case ParseError::BadLength: return "bad-length";
    case ParseError::BadChecksum: return "bad-checksum";
    case ParseError::Unsupported: return "unsupported";
  }
  return "unknown";
}

}  // namespace netsim::wire
