#include "sim/trace/fingerprint_sink.h"

#include <cstdio>

namespace netsim {

void FingerprintSink::mix(const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < size; ++i) {
    hash_ ^= p[i];
    hash_ *= 0x100000001b3ull;
  }
}

void FingerprintSink::on_event(const TraceEvent& e) {
  if (e.kind != TraceKind::FrameSent && e.kind != TraceKind::FrameReceived && e.kind != TraceKind::FrameDropped)
    return;
  // Fixed-width fields, each string followed by a separator, so no two
  // different event streams can concatenate to the same bytes.
  const int64_t time = e.time.count();
  const uint8_t kind = static_cast<uint8_t>(e.kind);
  const uint8_t reason = e.kind == TraceKind::FrameDropped ? static_cast<uint8_t>(e.reason) : 0xff;
  const uint8_t separator = 0;
  mix(&time, sizeof time);
  mix(&kind, 1);
  mix(&reason, 1);
  mix(e.node.data(), e.node.size());
  mix(&separator, 1);
  mix(e.iface.data(), e.iface.size());
  mix(&separator, 1);
  const uint32_t size = static_cast<uint32_t>(e.frame.size());
  mix(&size, sizeof size);
  mix(e.frame.data(), e.frame.size());
}

std::string FingerprintSink::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
  return buf;
}

}  // namespace netsim
