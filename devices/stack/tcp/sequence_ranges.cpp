// SequenceRanges: insertion with merging, and the hand-over to RCV.NXT.
#include "devices/stack/tcp/sequence_ranges.h"

#include <algorithm>

namespace netsim::devices {

void SequenceRanges::add(SeqNumber begin, SeqNumber end) {
  if (!(begin < end)) return;
  // First range that ends at or after `begin` (could touch or overlap).
  auto it =
      std::find_if(ranges_.begin(), ranges_.end(), [&](const Range& r) { return r.end >= begin; });
  auto last = it;
  while (last != ranges_.end() && last->begin <= end) {
    begin = seq_min(begin, last->begin);
    end = seq_max(end, last->end);
    ++last;
  }
  it = ranges_.erase(it, last);
  ranges_.insert(it, Range{begin, end});
}

SeqNumber SequenceRanges::take_contiguous(SeqNumber next) {
  // In-order data may have covered several held ranges at once.
  size_t taken = 0;
  while (taken < ranges_.size() && ranges_[taken].begin <= next) {
    next = seq_max(next, ranges_[taken].end);
    ++taken;
  }
  ranges_.erase(ranges_.begin(), ranges_.begin() + static_cast<std::ptrdiff_t>(taken));
  return next;
}

void SequenceRanges::trim_below(SeqNumber seq) {
  size_t gone = 0;
  while (gone < ranges_.size() && ranges_[gone].end <= seq) ++gone;
  ranges_.erase(ranges_.begin(), ranges_.begin() + static_cast<std::ptrdiff_t>(gone));
  if (!ranges_.empty()) ranges_.front().begin = seq_max(ranges_.front().begin, seq);
}

}  // namespace netsim::devices
