// Two passes before the loader sees a node: the bytes (text, UTF-8, size),
// then yaml-cpp's event stream, where duplicate keys, documents, tags, depth
// and aliases are still visible (the node tree hides or multiplies them).
#include "sim/scenario/yaml_guard.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <istream>
#include <map>
#include <memory>
#include <streambuf>
#include <string_view>
#include <vector>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/utf8.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

SourceLoc loc_at_offset(std::string_view text, size_t offset) {
  SourceLoc loc{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++loc.col;  // columns count characters, as yaml-cpp's marks do
    }
  }
  return loc;
}

std::string hex_byte(unsigned char byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", byte);
  return buf;
}


// The tags a YAML author may write to force a plain type; anything else
// (!!python/object, !custom) would mean something the loader cannot honour.
bool allowed_tag(const std::string& tag) {
  static constexpr std::array<std::string_view, 7> kCore{"str", "int",  "float", "bool",
                                                         "null", "map", "seq"};
  if (tag.empty() || tag == "?" || tag == "!") return true;
  constexpr std::string_view kPrefix = "tag:yaml.org,2002:";
  if (!tag.starts_with(kPrefix)) return false;
  const std::string_view name = std::string_view(tag).substr(kPrefix.size());
  return std::find(kCore.begin(), kCore.end(), name) != kCore.end();
}

std::string shown_tag(const std::string& tag) {
  constexpr std::string_view kPrefix = "tag:yaml.org,2002:";
  return tag.starts_with(kPrefix) ? "!!" + tag.substr(kPrefix.size()) : tag;
}

class EventGuard : public YAML::EventHandler {
 public:
  EventGuard(const std::string& file, YAML::EventHandler* next) : file_(file), next_(next) {}

  int documents() const { return documents_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      fail(mark, "a second YAML document in the file",
           "a scenario is one document: remove the '---' and what follows, or split the file");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    leaf(mark, anchor, 1, nullptr);
    if (next_) next_->OnNull(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchor_sizes_.find(anchor);
    leaf(mark, 0, it == anchor_sizes_.end() ? 1 : it->second, nullptr);
    if (next_) next_->OnAlias(mark, anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_tag(mark, tag);
    leaf(mark, anchor, 1, &value);
    if (next_) next_->OnScalar(mark, tag, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, false);
    if (next_) next_->OnSequenceStart(mark, tag, anchor, style);
  }
  void OnSequenceEnd() override {
    close();
    if (next_) next_->OnSequenceEnd();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, true);
    if (next_) next_->OnMapStart(mark, tag, anchor, style);
  }
  void OnMapEnd() override {
    close();
    if (next_) next_->OnMapEnd();
  }

 private:
  struct Container {
    bool is_map = false;
    YAML::anchor_t anchor = 0;
    size_t size = 1;  // nodes under it with aliases expanded, itself included
    size_t children = 0;
    std::map<std::string, YAML::Mark, std::less<>> keys;  // a map's scalar keys so far
  };

  [[noreturn]] void fail(const YAML::Mark& mark, std::string what, std::string hint) const {
    throw ScenarioError(file_, loc_of(mark), std::move(what), std::move(hint));
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag) const {
    if (!allowed_tag(tag))
      fail(mark, "unknown YAML tag " + quoted(shown_tag(tag)),
           "a scenario holds plain values: remove the tag");
  }

  void count(const YAML::Mark& mark, size_t nodes) {
    expanded_ = std::min(expanded_ + nodes, kMaxExpandedNodes + 1);
    if (expanded_ > kMaxExpandedNodes)
      fail(mark,
           "aliases expand to more than " + std::to_string(kMaxExpandedNodes) + " values",
           "a scenario refers to an anchor (&name) a few times, not in nested multiples");
  }

  // A node in its parent: a map's key (even positions) must not repeat.
  void place(const YAML::Mark& mark, const std::string* scalar) {
    if (stack_.empty()) return;
    Container& parent = stack_.back();
    const bool is_key = parent.is_map && parent.children % 2 == 0;
    ++parent.children;
    if (!is_key || scalar == nullptr) return;
    const auto [it, inserted] = parent.keys.try_emplace(*scalar, mark);
    if (!inserted)
      fail(mark, "duplicate key " + quoted(*scalar) + " (first at " + loc_text(loc_of(it->second)) + ")",
           "YAML keeps only one of them: merge the two or rename one");
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, size_t size, const std::string* scalar) {
    place(mark, scalar);
    count(mark, size);
    if (anchor != 0) anchor_sizes_[anchor] = size;
    if (!stack_.empty()) stack_.back().size = std::min(stack_.back().size + size, kMaxExpandedNodes + 1);
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool is_map) {
    check_tag(mark, tag);
    place(mark, nullptr);
    count(mark, 1);
    if (static_cast<int>(stack_.size()) >= kMaxYamlDepth)
      fail(mark, "YAML nested deeper than " + std::to_string(kMaxYamlDepth) + " levels",
           "a scenario nests a few levels; flatten this value");
    stack_.push_back(Container{is_map, anchor, 1, 0, {}});
  }

  void close() {
    const Container done = std::move(stack_.back());
    stack_.pop_back();
    if (done.anchor != 0) anchor_sizes_[done.anchor] = done.size;
    if (!stack_.empty())
      stack_.back().size = std::min(stack_.back().size + done.size, kMaxExpandedNodes + 1);
  }

  const std::string& file_;
  YAML::EventHandler* next_;
  int documents_ = 0;
  size_t expanded_ = 0;
  std::vector<Container> stack_;
  std::map<YAML::anchor_t, size_t> anchor_sizes_;
};

}  // namespace

namespace {

// yaml-cpp reads a std::istream; std::istringstream would copy the whole text
// (a second megabyte at W2's size), this reads the caller's string in place.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // get area only: never written
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

void guard_bytes(const std::string& text, const std::string& file) {
  if (text.size() > kMaxScenarioBytes)
    throw ScenarioError(file, {1, 1},
                        "the file is " + std::to_string(text.size() >> 20) +
                            " MiB, more than a scenario may be (" +
                            std::to_string(kMaxScenarioBytes >> 20) + " MiB)",
                        "a scenario is a text file of a few KiB");
  if (const auto bad = lang::utf8::first_invalid(text))
    throw ScenarioError(file, loc_at_offset(text, bad->position),
                        "the file is not UTF-8 text: byte " +
                            hex_byte(static_cast<unsigned char>(text[bad->position])) + " (" +
                            std::string(bad->reason) + ")",
                        "save the file as UTF-8");
  const size_t bom = text.find(kBom, text.starts_with(kBom) ? kBom.size() : 0);
  if (bom != std::string::npos)
    throw ScenarioError(file, loc_at_offset(text, bom),
                        "a byte order mark (U+FEFF) in the middle of the file",
                        "it may stand only at the very start: remove it (files joined with cat?)");
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      throw ScenarioError(file, loc_at_offset(text, i),
                          c == 0 ? std::string("a NUL byte in the file")
                                 : "control character " + hex_byte(c) + " in the file",
                          "YAML text holds printable characters, tabs and line breaks only");
  }
}

std::unique_ptr<YAML::EventHandler> make_event_guard(const std::string& file_name,
                                                     YAML::EventHandler* next) {
  return std::make_unique<EventGuard>(file_name, next);
}

void parse_yaml_events(std::string_view text, YAML::EventHandler& handler) {
  TextBuffer buffer(text);
  std::istream in(&buffer);
  YAML::Parser parser(in);
  while (parser.HandleNextDocument(handler)) {
  }
}

void guard_yaml(const std::string& text, const std::string& file_name, YAML::EventHandler* next) {
  guard_bytes(text, file_name);
  EventGuard guard(file_name, next);
  parse_yaml_events(text, guard);
}

}  // namespace netsim::scenario
