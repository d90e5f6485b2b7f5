// The out-of-order bookkeeping of a receiver: which sequence ranges beyond
// RCV.NXT are already held (their bytes wait in the receive ring at their
// offsets). Few ranges at a time: a sorted vector, merged on insert.
#pragma once
#include <cstddef>
#include <vector>

#include "devices/stack/tcp/seq_number.h"

namespace netsim::devices {

class SequenceRanges {
 public:
  struct Range {
    SeqNumber begin, end;  // [begin, end)
  };
  // Adds [begin, end), merging with neighbours it touches or overlaps.
  void add(SeqNumber begin, SeqNumber end);
  // Removes the ranges that start at or before `next` and returns the end
  // of the in-order run they extend (the new RCV.NXT).
  SeqNumber take_contiguous(SeqNumber next);
  // Forgets everything below `seq` (a sender's SND.UNA moved past it).
  void trim_below(SeqNumber seq);
  bool empty() const { return ranges_.empty(); }
  size_t count() const { return ranges_.size(); }
  const std::vector<Range>& ranges() const { return ranges_; }
  void clear() { ranges_.clear(); }

 private:
  std::vector<Range> ranges_;  // sorted, disjoint, not touching
};

}  // namespace netsim::devices
