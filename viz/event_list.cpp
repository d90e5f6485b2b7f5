#include "viz/event_list.h"

#include <algorithm>
#include <stdexcept>

namespace netsim::viz {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The legend word's first token, lower case: "arp", "icmp", ..., "stp", "other".
std::string protocol_of(FrameClass c) {
  const std::string word = lower(to_string(c));
  return word.substr(0, word.find(' '));
}

std::string_view kind_word(TraceKind k) {
  switch (k) {
    case TraceKind::FrameSent:
      return "sent";
    case TraceKind::FrameDropped:
      return "drop";
    case TraceKind::AppOutput:
    case TraceKind::AppStatus:
      return "app";
    case TraceKind::Topology:
      return "topology";
    case TraceKind::Note:
      return "note";
    default:
      return "";
  }
}
constexpr std::string_view kKinds[] = {"sent", "drop", "app", "topology", "note"};
}  // namespace

EventFilter parse_event_filter(const std::string& text) {
  EventFilter f;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (value.empty()) throw std::invalid_argument("'" + item + "' is not KEY=VALUE (proto=, node=, kind=)");
    if (key == "proto") {
      bool known = false;
      for (FrameClass c : kFrameClasses) known = known || protocol_of(c) == value;
      if (!known) throw std::invalid_argument("proto=" + value + ": say arp, icmp, udp, tcp, dhcp, dns, stp or other");
      f.protocol = value;
    } else if (key == "node") {
      f.node = value;
    } else if (key == "kind") {
      if (std::find(std::begin(kKinds), std::end(kKinds), value) == std::end(kKinds))
        throw std::invalid_argument("kind=" + value + ": say sent, drop, app, topology or note");
      f.kind = value;
    } else {
      throw std::invalid_argument("'" + key + "': filter by proto=, node= or kind=");
    }
  }
  return f;
}

std::string to_string(const EventFilter& f) {
  std::string s;
  auto add = [&](const std::string& part) { (s += s.empty() ? "" : ", ") += part; };
  if (!f.protocol.empty()) add(f.protocol);
  if (!f.node.empty()) add("node " + f.node);
  if (!f.kind.empty()) add(f.kind);
  return s.empty() ? "all events" : s;
}

namespace {
// The next of `values` after `now`, "" after the last, the first after "".
std::string next_of(std::span<const std::string_view> values, const std::string& now) {
  const auto it = std::find(values.begin(), values.end(), now);
  if (it == values.end()) return values.empty() ? "" : std::string(values.front());
  return it + 1 == values.end() ? "" : std::string(*(it + 1));
}
constexpr std::string_view kProtocols[] = {"arp", "icmp", "udp", "tcp", "dhcp", "dns", "stp"};
}  // namespace

std::string next_protocol(const std::string& now) { return next_of(kProtocols, now); }
std::string next_kind(const std::string& now) { return next_of(kKinds, now); }
std::string next_node(const std::vector<std::string>& names, const std::string& now) {
  std::vector<std::string_view> sorted(names.begin(), names.end());
  std::sort(sorted.begin(), sorted.end());
  return next_of(sorted, now);
}

std::optional<FilterField> EventListHeader::field_at(size_t column) const {
  for (const Span& s : spans)
    if (column >= s.begin && column < s.end) return s.field;
  return std::nullopt;
}

EventListHeader event_list_header(const EventFilter& filter, size_t count) {
  EventListHeader h;
  auto add = [&](FilterField field, const std::string& words) {
    if (!h.text.empty()) h.text += " | ";
    h.spans.push_back({field, h.text.size(), h.text.size() + words.size()});
    h.text += words;
  };
  auto value = [](const std::string& v) { return v.empty() ? std::string("any") : v; };
  add(FilterField::Protocol, "proto " + value(filter.protocol));
  add(FilterField::Node, "node " + value(filter.node));
  add(FilterField::Kind, "kind " + value(filter.kind));
  add(FilterField::Clear, "clear");
  h.text += "   (" + std::to_string(count) + " events: click a field or p/n/k; a row or arrows)";
  return h;
}

EventFilter cycled(EventFilter filter, FilterField field, const std::vector<std::string>& nodes) {
  switch (field) {
    case FilterField::Protocol:
      filter.protocol = next_protocol(filter.protocol);
      break;
    case FilterField::Node:
      filter.node = next_node(nodes, filter.node);
      break;
    case FilterField::Kind:
      filter.kind = next_kind(filter.kind);
      break;
    case FilterField::Clear:
      filter = {};
      break;
  }
  return filter;
}

EventList::EventList(const Recording& recording) : recording_(&recording) { set_filter({}); }

bool EventList::matches(const RecordedEvent& e) const {
  if (!filter_.kind.empty() && kind_word(e.kind) != filter_.kind) return false;
  if (!filter_.node.empty() && recording_->name(e.node) != filter_.node &&
      recording_->name(e.peer_node) != filter_.node)
    return false;
  if (!filter_.protocol.empty()) {
    const bool frame = e.kind == TraceKind::FrameSent || e.kind == TraceKind::FrameDropped;
    if (!frame || e.frame.size == 0 || protocol_of(e.frame_class) != filter_.protocol) return false;
  }
  return true;
}

void EventList::set_filter(const EventFilter& filter) {
  filter_ = filter;
  matching_.clear();
  times_.clear();
  for (uint32_t i : recording_->printed()) {
    const RecordedEvent& e = recording_->event(i);
    if (!matches(e)) continue;
    matching_.push_back(i);
    times_.push_back(e.time);
  }
}

size_t EventList::upper(Time t) const {
  return static_cast<size_t>(std::upper_bound(times_.begin(), times_.end(), t) - times_.begin());
}

std::optional<Time> EventList::next(Time t) const {
  const size_t i = upper(t);
  if (i == times_.size()) return std::nullopt;
  return times_[i];
}

std::optional<Time> EventList::previous(Time t) const {
  const auto i = std::lower_bound(times_.begin(), times_.end(), t) - times_.begin();
  if (i == 0) return std::nullopt;
  return times_[static_cast<size_t>(i) - 1];
}

std::pair<size_t, size_t> EventList::window(Time t, size_t rows) const {
  const size_t done = upper(t);
  // Two thirds of the rows for what happened, the rest for what comes next.
  const size_t before = std::min(done, rows - rows / 3);
  const size_t first = done - before;
  return {first, std::min(matching_.size(), first + rows)};
}

std::optional<uint32_t> EventList::event_on_row(Time t, size_t rows, size_t row) const {
  const auto [first, last] = window(t, rows);
  if (first + row >= last) return std::nullopt;
  return matching_[first + row];
}

std::vector<std::string> EventList::lines(Time t, size_t rows, size_t columns) const {
  std::vector<std::string> out;
  const auto [first, last] = window(t, rows);
  const size_t done = upper(t);
  for (size_t k = first; k < last; ++k) {
    std::string line = (k + 1 == done ? "> " : "  ") + recording_->trace_line(matching_[k]);
    if (line.size() > columns && columns > 3) line = line.substr(0, columns - 3) + "...";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace netsim::viz
