// The scenario's `expect` entries, checked against the run: frame filters,
// sequences and printed lines are matched as the trace streams by (this is a
// trace sink); state
// checks (apps, ARP, MAC tables, routes) read the nodes at the end, or at an
// entry's `at:` time through a probe.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "sim/scenario/model.h"
#include "sim/scenario/simulation.h"
#include "sim/trace/trace.h"
#include "sim/wire/frame_info.h"

namespace netsim::scenario {

struct ExpectOutcome {
  const ExpectSpec* spec = nullptr;
  bool checked = false;
  bool passed = false;
  std::string message;  // "file:line:col: expect ...: found ..." when failed
};

class ExpectChecker : public TraceSink {
 public:
  // Registers itself as a sink and a probe for every timed entry.
  explicit ExpectChecker(Simulation& sim);
  void on_event(const TraceEvent& e) override;
  bool wants_frames() const override { return watches_frames_; }
  void finish(Time end) override;
  const std::vector<ExpectOutcome>& outcomes() const { return outcomes_; }
  size_t failed() const;

 private:
  struct FrameWatch {
    uint64_t count = 0;      // Frames: matching frames so far; AppPrinted: matching lines
    size_t next_item = 0;    // Sequence: items matched so far
    std::vector<std::string> seen;  // Sequence: what passed there; AppPrinted: lines (for the message)
  };
  // Streamed kinds: decided by what the trace showed, not by reading nodes.
  static bool streamed(const ExpectSpec& x);
  void watch_frame(const TraceEvent& e);
  void watch_output(const TraceEvent& e);
  void check(size_t index);
  bool check_state(const ExpectSpec& x, std::string& found);
  bool check_frames(const ExpectSpec& x, const FrameWatch& w, std::string& found) const;
  bool check_printed(const FrameWatch& w, std::string& found) const;
  std::string describe(const ExpectSpec& x) const;

  Simulation& sim_;
  std::vector<ExpectOutcome> outcomes_;
  std::vector<FrameWatch> watches_;  // parallel to scenario expects
  bool watches_frames_ = false;
  bool watches_output_ = false;
};

// One frame as filters read it: decoded once, with its words (the op, type
// and flag names the contract uses) built once, however many entries look.
struct FrameWords {
  explicit FrameWords(std::span<const uint8_t> frame);
  wire::FrameInfo info;
  std::string_view op;  // arp request|reply
  std::string type;     // icmp echo-request, ...
  std::string flags;    // tcp SYN-ACK, ...
  std::string_view detail() const;  // whichever of op, type, flags the frame has
};
bool frame_matches(const FrameFilter& f, const FrameWords& frame);
bool sequence_item_matches(const SequenceItem& item, const FrameWords& frame);
std::string sequence_word(const FrameWords& frame);  // "tcp SYN-ACK", "arp request"

}  // namespace netsim::scenario
