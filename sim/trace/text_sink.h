// The human-readable trace: one line per frame per hop (when it leaves a
// port), drops with their reason, app output and status, topology changes;
// with --explain also every device decision.
#pragma once
#include <cstdio>

#include "sim/trace/trace.h"

namespace netsim {

class TextTraceSink : public TraceSink {
 public:
  TextTraceSink(std::FILE* out, bool frames, bool explain) : out_(out), frames_(frames), explain_(explain) {}
  void on_event(const TraceEvent& e) override;
  bool wants_decisions() const override { return explain_; }

 private:
  std::FILE* out_;
  bool frames_;   // false: only app output, status and notes (--trace none)
  bool explain_;
};

}  // namespace netsim
