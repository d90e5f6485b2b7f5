// --trace jsonl: every trace event as one JSON object per line, for tools.
#pragma once
#include <cstdio>

#include "sim/trace/trace.h"

namespace netsim {

class JsonlTraceSink : public TraceSink {
 public:
  JsonlTraceSink(std::FILE* out, bool explain) : out_(out), explain_(explain) {}
  void on_event(const TraceEvent& e) override;
  bool wants_decisions() const override { return explain_; }
  bool wants_tables() const override { return explain_; }

 private:
  std::FILE* out_;
  bool explain_;
};

// JSON string literal with the escapes RFC 8259 requires.
std::string json_quote(std::string_view s);

}  // namespace netsim
