// The human-readable trace: one line per frame per hop (when it leaves a
// port), drops with their reason, app output and status, topology changes;
// with --explain also every device decision.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <span>
#include <string>
#include <tuple>

#include "sim/trace/trace.h"

namespace netsim {

class TextTraceSink : public TraceSink {
 public:
  TextTraceSink(std::FILE* out, bool frames, bool explain) : out_(out), frames_(frames), explain_(explain) {}
  void on_event(const TraceEvent& e) override;
  bool wants_decisions() const override { return explain_; }
  bool wants_frames() const override { return frames_; }

 private:
  // tcpdump-like summary with TCP numbers relative to each direction's ISN.
  std::string summary(std::span<const uint8_t> frame);

  // (src ip, src port, dst ip, dst port) -> the ISN seen in that direction's SYN.
  using Flow = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;
  std::map<Flow, uint32_t> isn_;
  std::FILE* out_;
  bool frames_;   // false: only app output, status and notes (--trace none)
  bool explain_;
};

}  // namespace netsim
