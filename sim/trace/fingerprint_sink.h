// A 64-bit fingerprint of everything that crossed the wire: for each frame
// sent, received or dropped, its time, place, direction, drop reason and
// bytes. Stored per scenario (tests/scenario/fingerprints.txt), it catches
// any unintended change in behaviour; regenerate it only on purpose.
#pragma once
#include <cstdint>
#include <string>

#include "sim/trace/trace.h"

namespace netsim {

class FingerprintSink : public TraceSink {
 public:
  void on_event(const TraceEvent& e) override;
  uint64_t value() const { return hash_; }
  std::string hex() const;

 private:
  void mix(const void* data, size_t size);
  uint64_t hash_ = 0xcbf29ce484222325ull;  // FNV-1a 64 offset basis
};

}  // namespace netsim
