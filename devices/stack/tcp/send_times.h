// When each segment in flight left (Linux keeps it in every skb as
// skb_mstamp), so that every ACK of new data measures the round trip, not
// one timed segment per window (RFC 6298 §3 allows either; RFC 7323 §4 and
// Linux take a sample per ACK). HyStart's delay detector needs that density.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "devices/stack/tcp/seq_number.h"
#include "sim/core/time.h"

namespace netsim::devices {

class SendTimes {
 public:
  // The send times of what one ACK newly acknowledged: `oldest` and `newest`
  // among the segments sent once. Karn (RFC 6298 §3): when any of them was
  // retransmitted the ACK is ambiguous and gives no sample (Linux
  // FLAG_RETRANS_DATA_ACKED); timestamps may still measure it.
  struct Acked {
    std::optional<Time> oldest, newest;
    bool retransmitted = false;
  };

  // A segment of new data (or the SYN) ending before `end` left at `at`.
  void sent(SeqNumber end, Time at);
  // [begin, end) went again: the segments it touches no longer time.
  void retransmitted(SeqNumber begin, SeqNumber end);
  // Forgets the segments wholly below `ack` and tells when they left.
  Acked acknowledge(SeqNumber ack);
  // A new connection; the storage goes with it.
  void clear();

 private:
  struct Record {
    SeqNumber end;
    bool retransmitted;
    Time at;
  };
  // Oldest first from head_; acknowledged records are skipped, then erased
  // in bulk, so an ACK costs no shifting.
  std::vector<Record> records_;
  size_t head_ = 0;
};

}  // namespace netsim::devices
