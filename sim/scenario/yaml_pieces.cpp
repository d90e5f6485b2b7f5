#include "sim/scenario/yaml_pieces.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "sim/scenario/yaml_guard.h"

namespace netsim::scenario {
namespace {

// ---- where to cut ----

std::string_view line_at(std::string_view text, size_t at) {
  const size_t eol = text.find('\n', at);
  return text.substr(at, (eol == std::string_view::npos ? text.size() : eol) - at);
}

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// `key:` alone (a comment may follow): the key's value is the block below.
bool opens_block(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && key_char(line[i])) ++i;
  if (i == 0 || i >= line.size() || line[i] != ':') return false;
  const size_t rest = line.find_first_not_of(' ', i + 1);
  return rest == std::string_view::npos || line[rest] == '#';
}

// An entry of a block map indented two spaces: `  name:` and its value.
bool entry_at_two(std::string_view line) {
  return line.size() > 3 && line[0] == ' ' && line[1] == ' ' && key_char(line[2]) &&
         line.find(':') != std::string_view::npos;
}

// ---- the events of a piece ----

enum class Kind : uint8_t { DocumentStart, DocumentEnd, Null, Scalar, SequenceStart, SequenceEnd, MapStart, MapEnd };

struct Event {
  Kind kind = Kind::Null;
  YAML::EmitterStyle::value style = YAML::EmitterStyle::Default;
  YAML::Mark mark;
};

bool is_end(Kind k) { return k == Kind::DocumentEnd || k == Kind::SequenceEnd || k == Kind::MapEnd; }

void send(YAML::EventHandler& sink, const Event& e, const std::string& tag, const std::string& value) {
  switch (e.kind) {
    case Kind::DocumentStart: sink.OnDocumentStart(e.mark); return;
    case Kind::DocumentEnd: sink.OnDocumentEnd(); return;
    case Kind::Null: sink.OnNull(e.mark, 0); return;
    case Kind::Scalar: sink.OnScalar(e.mark, tag, 0, value); return;
    case Kind::SequenceStart: sink.OnSequenceStart(e.mark, tag, 0, e.style); return;
    case Kind::SequenceEnd: sink.OnSequenceEnd(); return;
    case Kind::MapStart: sink.OnMapStart(e.mark, tag, 0, e.style); return;
    case Kind::MapEnd: sink.OnMapEnd(); return;
  }
}

// yaml-cpp's events of one piece with marks moved to the whole text's lines.
// Anchors and aliases do not cross pieces (each parser numbers its own), so a
// piece with any is refused and the text parsed whole.
class PieceReader : public YAML::EventHandler {
 public:
  PieceReader(std::string_view text, size_t from)
      : pos_(static_cast<int>(from)),
        lines_(static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(from), '\n'))) {}
  bool anchored() const { return anchored_; }

  void OnDocumentStart(const YAML::Mark& m) override { take({Kind::DocumentStart, {}, moved(m)}, kNone, kNone); }
  void OnDocumentEnd() override { take({Kind::DocumentEnd, {}, {}}, kNone, kNone); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
    note(anchor);
    take({Kind::Null, {}, moved(m)}, kNone, kNone);
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { anchored_ = true; }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    note(anchor);
    take({Kind::Scalar, {}, moved(m)}, tag, value);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    note(anchor);
    take({Kind::SequenceStart, style, moved(m)}, tag, kNone);
  }
  void OnSequenceEnd() override { take({Kind::SequenceEnd, {}, {}}, kNone, kNone); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    note(anchor);
    take({Kind::MapStart, style, moved(m)}, tag, kNone);
  }
  void OnMapEnd() override { take({Kind::MapEnd, {}, {}}, kNone, kNone); }

 protected:
  inline static const std::string kNone;
  virtual void take(const Event& e, const std::string& tag, const std::string& value) = 0;

 private:
  YAML::Mark moved(YAML::Mark m) const {
    m.pos += pos_;
    m.line += lines_;
    return m;
  }
  void note(YAML::anchor_t anchor) { anchored_ = anchored_ || anchor != 0; }
  int pos_;
  int lines_;
  bool anchored_ = false;
};

bool block_map_at(const Event& e, int column) {
  return e.kind == Kind::MapStart && e.style == YAML::EmitterStyle::Block && e.mark.column == column;
}

// The first piece (the text before the cut) goes straight to the sink, except
// the ends a parser emits when its text runs out: those are held, and must be
// exactly the end of the cut block map, of the top map and of the document.
class Head : public PieceReader {
 public:
  Head(std::string_view text, YAML::EventHandler& sink) : PieceReader(text, 0), sink_(sink) {}
  // At the text's end: the ends of what the last entry opened go on (the next
  // entry would have closed them too); the cut block map, the top map and the
  // document must be what is left.
  bool open_at_cut() {
    constexpr size_t kLeft = 3;
    if (held_.size() < kLeft) return false;
    const auto left = held_.end() - kLeft;
    if (std::find(held_.begin(), left, Kind::DocumentEnd) != left) return false;
    pass_held(left);
    return open_.size() == 2 && block_map_at(open_[0], 0) && block_map_at(open_[1], 2) &&
           held_ == std::vector<Kind>{Kind::MapEnd, Kind::MapEnd, Kind::DocumentEnd};
  }

 private:
  void take(const Event& e, const std::string& tag, const std::string& value) override {
    if (is_end(e.kind)) {
      held_.push_back(e.kind);
      return;
    }
    pass_held(held_.end());  // not the text's end after all
    if (e.kind == Kind::MapStart || e.kind == Kind::SequenceStart) open_.push_back(e);
    send(sink_, e, tag, value);
  }
  // Sends the held ends before `upto` on, closing what they close.
  void pass_held(std::vector<Kind>::iterator upto) {
    for (auto it = held_.begin(); it != upto; ++it) {
      send(sink_, {*it, {}, {}}, kNone, kNone);
      if (*it != Kind::DocumentEnd) open_.pop_back();
    }
    held_.erase(held_.begin(), upto);
  }
  YAML::EventHandler& sink_;
  std::vector<Event> open_;
  std::vector<Kind> held_;
};

// The middle piece, read on another thread: its events are kept (scalars
// and tags in one buffer) to be sent on in order after the head's.
class Middle : public PieceReader {
 public:
  using PieceReader::PieceReader;
  // Its block map's entries, or false when it was not one block map at column 2.
  bool send_entries(YAML::EventHandler& sink) const {
    const size_t n = events_.size();
    if (n < 4 || events_[0].event.kind != Kind::DocumentStart || !block_map_at(events_[1].event, 2) ||
        events_[n - 2].event.kind != Kind::MapEnd || events_[n - 1].event.kind != Kind::DocumentEnd)
      return false;
    int depth = 0;  // the top map must close only at the end
    for (size_t i = 1; i + 1 < n; ++i) {
      const Kind k = events_[i].event.kind;
      depth += (k == Kind::MapStart || k == Kind::SequenceStart) - (k == Kind::MapEnd || k == Kind::SequenceEnd);
      if (depth == 0 && i + 2 < n) return false;
    }
    std::string tag;
    std::string value;
    for (size_t i = 2; i + 2 < n; ++i) {
      const Kept& k = events_[i];
      tag.assign(text_, k.tag_at, k.tag_len);
      value.assign(text_, k.value_at, k.value_len);
      send(sink, k.event, tag, value);
    }
    return true;
  }

 private:
  struct Kept {
    Event event;
    uint32_t tag_at, tag_len, value_at, value_len;
  };
  void take(const Event& e, const std::string& tag, const std::string& value) override {
    const auto at = static_cast<uint32_t>(text_.size());
    text_ += tag;
    text_ += value;
    events_.push_back({e, at, static_cast<uint32_t>(tag.size()), at + static_cast<uint32_t>(tag.size()),
                       static_cast<uint32_t>(value.size())});
  }
  std::vector<Kept> events_;
  std::string text_;
};

// The last piece (top-level keys after the cut block): its document start and
// top map's start are the head's, the rest goes to the sink.
class Tail : public PieceReader {
 public:
  Tail(std::string_view text, size_t from, YAML::EventHandler& sink) : PieceReader(text, from), sink_(sink) {}
  bool joined() const { return joined_; }

 private:
  void take(const Event& e, const std::string& tag, const std::string& value) override {
    if (seen_ < 2) {
      joined_ = seen_++ == 0 ? e.kind == Kind::DocumentStart : joined_ && block_map_at(e, 0);
      return;
    }
    if (joined_) send(sink_, e, tag, value);
  }
  YAML::EventHandler& sink_;
  int seen_ = 0;
  bool joined_ = false;
};

}  // namespace

std::optional<YamlCut> find_yaml_cut(std::string_view text) {
  if (text.size() < kYamlPiecesMinBytes || text.find('\r') != std::string_view::npos) return std::nullopt;
  // Lines at column 0 other than comments: top-level keys, each `key:` or `key: value`.
  std::vector<size_t> tops;
  for (size_t at = 0; at < text.size();) {
    const std::string_view line = line_at(text, at);
    if (!line.empty() && line[0] != ' ' && line[0] != '#') {
      if (!key_char(line[0])) return std::nullopt;  // flow or sequence on top, directives, documents
      tops.push_back(at);
    }
    at += line.size() + 1;
  }
  // The middle piece ends where the block holding the text's midpoint does.
  const auto after = std::upper_bound(tops.begin(), tops.end(), text.size() / 2);
  if (after == tops.begin() || !opens_block(line_at(text, *(after - 1)))) return std::nullopt;
  const size_t block = *(after - 1);
  const size_t end = after == tops.end() ? text.size() : *after;
  // ... and starts at an entry, so that it holds half the text: measured in
  // instructions, the head read here (its events build the tree as they come)
  // then costs what the middle costs there; the tail is read after the join.
  const size_t want = std::max(block, end - std::min(end, text.size() / 2));
  for (size_t at = block + line_at(text, block).size() + 1; at < end;) {
    const std::string_view line = line_at(text, at);
    if (!line.empty() && line[0] == ' ' && line.find_first_not_of(' ') != std::string_view::npos &&
        line[line.find_first_not_of(' ')] != '#') {
      if (!entry_at_two(line)) return std::nullopt;  // the block is not a map at indent two
      if (at >= want) return YamlCut{at, end};
      // Skip to the next entry at indent two.
      do {
        at += line_at(text, at).size() + 1;
      } while (at < end && !entry_at_two(line_at(text, at)));
      continue;
    }
    at += line.size() + 1;
  }
  return std::nullopt;
}

bool parse_yaml_in_pieces(const std::string& text, const YamlCut& cut, YAML::EventHandler& sink) {
  const std::string_view all(text);
  Middle middle(all, cut.begin);
  std::exception_ptr middle_failed;
  std::jthread reader([&] {
    try {
      parse_yaml_events(all.substr(cut.begin, cut.end - cut.begin), middle);
    } catch (...) {
      middle_failed = std::current_exception();
    }
  });
  Head head(all, sink);
  parse_yaml_events(all.substr(0, cut.begin), head);
  reader.join();
  if (middle_failed || middle.anchored() || head.anchored() || !head.open_at_cut()) return false;
  if (!middle.send_entries(sink)) return false;
  sink.OnMapEnd();  // the cut block's
  if (cut.end == text.size()) {
    sink.OnMapEnd();
    sink.OnDocumentEnd();
    return true;
  }
  Tail tail(all, cut.end, sink);
  parse_yaml_events(all.substr(cut.end), tail);
  return tail.joined() && !tail.anchored();
}

}  // namespace netsim::scenario
