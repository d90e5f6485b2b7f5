// Packet Tracer's simulation-mode event list: the events the text trace
// prints (frames sent, drops, app output, topology, notes), filtered by
// protocol, node and kind; the step keys move between the events it shows.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "viz/recording.h"

namespace netsim::viz {

struct EventFilter {
  std::string protocol;  // "arp", "icmp", "udp", "tcp", "dhcp", "dns", "stp", "other"; "" any
  std::string node;      // the node that sends, drops, prints or is named; "" any
  std::string kind;      // "sent", "drop", "app", "topology", "note"; "" any
  bool operator==(const EventFilter&) const = default;
};
// "proto=tcp,node=r1,kind=sent" (any subset, any order; "" for none). Throws
// std::invalid_argument naming what is wrong.
EventFilter parse_event_filter(const std::string& text);
std::string to_string(const EventFilter& f);  // "all events" or "tcp, node r1, sent"

// The filter values the list cycles through (key or click), each back to "any" ("").
std::string next_protocol(const std::string& now);
std::string next_kind(const std::string& now);
std::string next_node(const std::vector<std::string>& names, const std::string& now);

// The list's first line: each filter as a field to click (it moves to the next
// value, as its key does) and `clear`.
enum class FilterField : uint8_t { Protocol, Node, Kind, Clear };
struct EventListHeader {
  struct Span {
    FilterField field;
    size_t begin, end;  // columns [begin, end) of `text`
  };
  std::string text;  // "proto tcp | node any | kind any | clear   (12 events: click ...)"
  std::vector<Span> spans;
  std::optional<FilterField> field_at(size_t column) const;
};
EventListHeader event_list_header(const EventFilter& filter, size_t count);
// The filter after a click on `field` (nodes: the names to cycle through).
EventFilter cycled(EventFilter filter, FilterField field, const std::vector<std::string>& nodes);

class EventList {
 public:
  explicit EventList(const Recording& recording);
  void set_filter(const EventFilter& filter);
  const EventFilter& filter() const { return filter_; }
  size_t size() const { return matching_.size(); }

  // The time of the first shown event strictly after / last strictly before t.
  std::optional<Time> next(Time t) const;
  std::optional<Time> previous(Time t) const;
  // Up to `rows` lines around t: the events at or before t (the last marked
  // "> "), then the next ones; as the text trace prints them, clipped to `columns`.
  std::vector<std::string> lines(Time t, size_t rows, size_t columns) const;
  // Which events lines() would show at t (it changes only when this does).
  std::pair<size_t, size_t> window(Time t, size_t rows) const;
  // The recording's index of the event on line `row` of lines(t, rows, ...).
  std::optional<uint32_t> event_on_row(Time t, size_t rows, size_t row) const;

 private:
  bool matches(const RecordedEvent& e) const;
  size_t upper(Time t) const;  // matching events at or before t

  const Recording* recording_;
  EventFilter filter_;
  std::vector<uint32_t> matching_;  // event indexes, time order
  std::vector<Time> times_;
};

}  // namespace netsim::viz
