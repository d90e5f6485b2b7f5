// Recording: events are stored as emitted (the bus emits in time order); the
// indexes built at finish() turn every playback question into a binary search.
#include "viz/recording.h"

#include <algorithm>
#include <cassert>
#include <tuple>

#include "sim/wire/frame_info.h"

namespace netsim::viz {

namespace {
bool is_frame(TraceKind k) {
  return k == TraceKind::FrameSent || k == TraceKind::FrameReceived || k == TraceKind::FrameDropped;
}
// The kinds TextTraceSink prints without --explain.
bool is_printed(TraceKind k) {
  return k == TraceKind::FrameSent || k == TraceKind::FrameDropped || k == TraceKind::AppOutput ||
         k == TraceKind::AppStatus || k == TraceKind::Topology || k == TraceKind::Note;
}
bool is_step(TraceKind k) { return is_printed(k) || k == TraceKind::FrameReceived; }

// Index of the first element of `times` strictly greater than t.
size_t upper(const std::vector<Time>& times, Time t) {
  return static_cast<size_t>(std::upper_bound(times.begin(), times.end(), t) - times.begin());
}
}  // namespace

NameId Recording::intern(std::string_view name) {
  if (name.empty()) return kNoName;
  auto it = name_ids_.find(name);
  if (it != name_ids_.end()) return it->second;
  const auto id = static_cast<NameId>(names_.size());
  names_.emplace_back(name);
  name_ids_.emplace(std::string(name), id);
  return id;
}

NameId Recording::find_name(std::string_view name) const {
  auto it = name_ids_.find(name);
  return it == name_ids_.end() ? kNoName : it->second;
}

ArenaRef Recording::store_text(std::string_view s) {
  assert(chars_.size() + s.size() < UINT32_MAX && "recording text arena over 4 GiB");
  ArenaRef ref{static_cast<uint32_t>(chars_.size()), static_cast<uint32_t>(s.size())};
  chars_.append(s);
  return ref;
}

ArenaRef Recording::store_label(const std::string& label) {
  if (label.empty()) return {};
  auto it = labels_.find(label);
  if (it == labels_.end()) it = labels_.emplace(label, store_text(label)).first;
  return it->second;
}

void Recording::add(const TraceEvent& e) {
  RecordedEvent r;
  r.kind = e.kind;
  r.reason = e.reason;
  r.time = e.time;
  r.tx_end = e.tx_end;
  r.arrival = e.arrival;
  r.node = intern(e.node);
  r.iface = intern(e.iface);
  r.peer_node = intern(e.peer_node);
  r.peer_iface = intern(e.peer_iface);
  r.frame_uid = e.frame_uid;
  r.number = e.number;
  r.layer = e.layer;
  // A reception repeats the bytes of its FrameSent: it points at them.
  const auto sent = e.kind == TraceKind::FrameReceived
                        ? on_the_wire_.find({e.frame_uid, r.node, r.iface})
                        : on_the_wire_.end();
  if (sent != on_the_wire_.end()) {
    const RecordedEvent& s = events_[sent->second];
    r.frame = s.frame;
    r.frame_class = s.frame_class;
    r.vlan = s.vlan;
    r.label = s.label;
    on_the_wire_.erase(sent);
  } else if (!e.frame.empty()) {
    assert(bytes_.size() + e.frame.size() < UINT32_MAX && "recording frame arena over 4 GiB");
    r.frame = {static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(e.frame.size())};
    bytes_.insert(bytes_.end(), e.frame.begin(), e.frame.end());
    if (is_frame(e.kind)) {
      const wire::FrameInfo info = wire::decode_frame(e.frame);
      const FrameLook look = classify_frame(info);
      r.frame_class = look.frame_class;
      r.vlan = look.vlan;
      isns_.observe(info, e.time);
      r.label = store_label(packet_label(info, isns_.at(info, e.time)));
    }
  }
  if (e.kind == TraceKind::FrameSent)
    on_the_wire_[{e.frame_uid, r.peer_node, r.peer_iface}] = static_cast<uint32_t>(events_.size());
  else if (e.kind == TraceKind::FrameDropped)  // lost on the wire or at arrival: never received
    on_the_wire_.erase({e.frame_uid, r.node, r.iface});
  r.text = store_text(e.text);
  r.key = store_text(e.key);
  r.value = store_text(e.value);
  events_.push_back(r);
}

void Recording::finish(Time end) {
  on_the_wire_.clear();  // frames still travelling when the run stopped
  // The bus emits in time order; a hand-made recording might not.
  std::stable_sort(events_.begin(), events_.end(),
                   [](const RecordedEvent& a, const RecordedEvent& b) { return a.time < b.time; });
  mark_collisions();
  end_ = end;
  for (const RecordedEvent& e : events_) end_ = std::max({end_, e.time, e.arrival});
  build_indexes();
}

void Recording::mark_collisions() {
  // A collision drop at node:iface names the frame that node was sending
  // there (a station that heard the collision, a hub whose repeat turned to jam).
  std::map<std::tuple<uint64_t, NameId, NameId>, uint32_t> last_send;
  for (uint32_t i = 0; i < events_.size(); ++i) {
    const RecordedEvent& e = events_[i];
    if (e.kind == TraceKind::FrameSent) last_send[{e.frame_uid, e.node, e.iface}] = i;
    if (e.kind != TraceKind::FrameDropped ||
        (e.reason != DropReason::Collision && e.reason != DropReason::ExcessiveCollisions))
      continue;
    const auto it = last_send.find({e.frame_uid, e.node, e.iface});
    if (it == last_send.end()) continue;  // a reception spoiled at its receiver
    RecordedEvent& sent = events_[it->second];
    sent.collided = true;
    sent.arrival = std::min(sent.arrival, e.time + (sent.arrival - sent.tx_end));
    last_send.erase(it);
  }
}

void Recording::build_indexes() {
  sends_.clear();
  send_max_arrival_.clear();
  drops_.clear();
  drop_times_.clear();
  step_times_.clear();
  printed_.clear();
  printed_times_.clear();
  tables_by_node_.assign(names_.size(), {});
  decisions_by_node_.assign(names_.size(), {});
  Time max_arrival{INT64_MIN};
  for (uint32_t i = 0; i < events_.size(); ++i) {
    const RecordedEvent& e = events_[i];
    if (e.kind == TraceKind::FrameSent) {
      sends_.push_back(i);
      max_arrival = std::max(max_arrival, e.arrival);
      send_max_arrival_.push_back(max_arrival);
    } else if (e.kind == TraceKind::FrameDropped) {
      drops_.push_back(i);
      drop_times_.push_back(e.time);
    } else if (e.kind == TraceKind::TableChange && e.node != kNoName) {
      tables_by_node_[e.node].push_back(i);
    } else if (e.kind == TraceKind::Decision && e.node != kNoName) {
      decisions_by_node_[e.node].push_back(i);
    }
    if (is_printed(e.kind)) {
      printed_.push_back(i);
      printed_times_.push_back(e.time);
    }
    if (is_step(e.kind) && (step_times_.empty() || step_times_.back() != e.time))
      step_times_.push_back(e.time);
  }
}

std::span<const uint8_t> Recording::frame(const RecordedEvent& e) const {
  return std::span<const uint8_t>(bytes_).subspan(e.frame.offset, e.frame.size);
}

std::string_view Recording::text(ArenaRef ref) const {
  return std::string_view(chars_).substr(ref.offset, ref.size);
}

void Recording::frames_in_flight(Time t, std::vector<uint32_t>& out) const {
  out.clear();
  // sends_[0, hi) were sent by t. The running max of arrival is sorted, so the
  // first send that may still be on the wire is found by binary search too.
  const auto hi = static_cast<size_t>(
      std::upper_bound(sends_.begin(), sends_.end(), t,
                       [this](Time v, uint32_t i) { return v < events_[i].time; }) -
      sends_.begin());
  const size_t lo = upper(send_max_arrival_, t);
  for (size_t k = lo; k < hi; ++k)
    if (events_[sends_[k]].arrival > t) out.push_back(sends_[k]);
}

std::optional<uint32_t> Recording::find_sent(uint64_t uid, Time t) const {
  std::optional<uint32_t> first;
  for (uint32_t i : sends_) {
    const RecordedEvent& e = events_[i];
    if (e.frame_uid != uid) continue;
    if (e.time <= t && t < e.arrival) return i;
    if (!first) first = i;
  }
  return first;
}

std::optional<uint32_t> Recording::next_send_of(uint64_t uid, NameId node, Time from) const {
  constexpr size_t kLookAhead = 4096;
  const auto first = std::lower_bound(sends_.begin(), sends_.end(), from,
                                      [this](uint32_t i, Time v) { return events_[i].time < v; });
  for (auto it = first; it != sends_.end() && it - first < static_cast<ptrdiff_t>(kLookAhead); ++it) {
    const RecordedEvent& e = events_[*it];
    if (e.frame_uid == uid && e.node == node) return *it;
  }
  return std::nullopt;
}

bool Recording::any_in_flight(Time t) const {
  const auto hi = static_cast<size_t>(
      std::upper_bound(sends_.begin(), sends_.end(), t,
                       [this](Time v, uint32_t i) { return v < events_[i].time; }) -
      sends_.begin());
  return hi > 0 && send_max_arrival_[hi - 1] > t;
}

std::span<const uint32_t> Recording::drops_between(Time from, Time to) const {
  if (to < from) return {};
  const size_t lo = upper(drop_times_, from), hi = upper(drop_times_, to);
  return std::span<const uint32_t>(drops_).subspan(lo, hi - lo);
}

std::optional<Time> Recording::next_step(Time t) const {
  const size_t i = upper(step_times_, t);
  if (i == step_times_.size()) return std::nullopt;
  return step_times_[i];
}

std::optional<Time> Recording::previous_step(Time t) const {
  const auto i = std::lower_bound(step_times_.begin(), step_times_.end(), t) - step_times_.begin();
  if (i == 0) return std::nullopt;
  return step_times_[static_cast<size_t>(i) - 1];
}

std::span<const uint32_t> Recording::table_changes(NameId node) const {
  if (node >= tables_by_node_.size()) return {};
  return tables_by_node_[node];
}

std::span<const uint32_t> Recording::decisions(NameId node) const {
  if (node >= decisions_by_node_.size()) return {};
  return decisions_by_node_[node];
}

std::span<const uint32_t> Recording::trace_events_until(Time t, size_t count) const {
  const size_t hi = upper(printed_times_, t);
  const size_t lo = hi > count ? hi - count : 0;
  return std::span<const uint32_t>(printed_).subspan(lo, hi - lo);
}

std::string Recording::summary(const RecordedEvent& e) const {
  const auto bytes = frame(e);
  const wire::FrameInfo info = wire::decode_frame(bytes);
  return wire::summarize(info, bytes, isns_.at(info, e.time));
}

std::string Recording::trace_line(uint32_t index) const {
  const RecordedEvent& e = events_[index];
  std::string where(name(e.node));
  if (e.iface != kNoName && (is_frame(e.kind) || e.kind == TraceKind::Decision))
    (where += ':') += name(e.iface);
  if (where.empty()) where = "*";
  std::string rest;
  switch (e.kind) {
    case TraceKind::FrameSent:
      rest = "> " + std::string(name(e.peer_node)) + ":" + std::string(name(e.peer_iface)) + "  " +
             summary(e);
      break;
    case TraceKind::FrameReceived:
      rest = "< frame " + std::to_string(e.frame_uid) + " received";
      break;
    case TraceKind::FrameDropped:
      rest = "drop (" + std::string(to_string(e.reason)) + ")";
      if (e.frame.size) rest += "  " + summary(e);
      break;
    case TraceKind::AppOutput:
      rest = "[" + std::string(name(e.iface)) + "] " + std::string(text(e.text));
      break;
    case TraceKind::AppStatus:
      rest = "[" + std::string(name(e.iface)) + "] app " + std::string(text(e.text));
      break;
    case TraceKind::Decision:
      rest = "# " + std::string(text(e.text));
      break;
    case TraceKind::TableChange:
      rest = std::string(text(e.text)) + " " + std::string(text(e.key)) + " = " +
             std::string(text(e.value));
      break;
    case TraceKind::Topology:
    case TraceKind::Note:
      rest = std::string(text(e.text));
      break;
    case TraceKind::Metric:
      rest = "[" + std::string(name(e.iface)) + "] " + std::string(text(e.text)) + " " +
             std::to_string(e.number);
      break;
  }
  std::string line = format_time(e.time);
  line += ' ';
  line += where;
  if (where.size() < 16) line.append(16 - where.size(), ' ');
  line += ' ';
  line += rest;
  return line;
}

}  // namespace netsim::viz
