// TableHistory: forward seeks apply only the new changes; backward seeks restart
// from the nearest checkpoint at or before the target.
#include "viz/table_history.h"

#include <algorithm>

namespace netsim::viz {

TableHistory::TableHistory(const Recording& recording, NameId node, uint32_t checkpoint_every)
    : recording_(&recording),
      node_(node),
      checkpoint_every_(std::max<uint32_t>(1, checkpoint_every)) {
  const auto changes = recording.table_changes(node);
  changes_.assign(changes.begin(), changes.end());
  for (uint32_t i : changes_) change_times_.push_back(recording.event(i).time);
  checkpoints_.push_back(tables_);  // the empty start
}

void TableHistory::apply(uint32_t event_index) {
  const RecordedEvent& e = recording_->event(event_index);
  const std::string_view table = recording_->text(e.text);
  const std::string_view key = recording_->text(e.key);
  const std::string_view value = recording_->text(e.value);
  // Heterogeneous lookups: a key is copied only when its row is new.
  auto t = tables_.find(table);
  if (value.empty()) {  // removed
    if (t == tables_.end()) return;
    if (auto row = t->second.find(key); row != t->second.end()) t->second.erase(row);
    if (t->second.empty()) tables_.erase(t);
    return;
  }
  if (t == tables_.end()) t = tables_.emplace(std::string(table), TableRows{}).first;
  if (auto row = t->second.find(key); row != t->second.end())
    row->second.assign(value);
  else
    t->second.emplace(std::string(key), std::string(value));
}

const Tables& TableHistory::at(Time t) {
  const auto target = static_cast<size_t>(
      std::upper_bound(change_times_.begin(), change_times_.end(), t) - change_times_.begin());
  if (target < applied_) {
    const size_t k = std::min(target / checkpoint_every_, checkpoints_.size() - 1);
    tables_ = checkpoints_[k];
    applied_ = k * checkpoint_every_;
  }
  while (applied_ < target) {
    apply(changes_[applied_]);
    ++applied_;
    if (applied_ % checkpoint_every_ == 0 && applied_ / checkpoint_every_ == checkpoints_.size())
      checkpoints_.push_back(tables_);
  }
  return tables_;
}

}  // namespace netsim::viz
