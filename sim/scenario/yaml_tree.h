// A scenario file as a compact read-only tree, built from the YAML event
// stream that yaml_guard already reads (one pass over the text, no yaml-cpp
// node graph: that graph cost ~56 B a node plus a node for every absent key
// the loader asked about, 21 MB for a 600 kB file). YamlNode is a 16-byte
// handle with the part of yaml-cpp's Node interface the loader uses; marks,
// tags and styles are kept so that every message still points at
// file:line:col and quoted scalars stay distinct from plain ones.
#pragma once
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/mark.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace netsim::scenario {

class YamlNode;

// The storage behind every YamlNode of one document.
struct YamlTree {
  enum class Kind : uint8_t { Null, Scalar, Sequence, Map };
  struct Item {
    YAML::Mark mark;
    Kind kind = Kind::Null;
    YAML::EmitterStyle::value style = YAML::EmitterStyle::Default;
    uint16_t tag = 0;    // index into tags
    uint32_t first = 0;  // a scalar's index into scalars; a collection's first index into kids
    uint32_t count = 0;  // a collection's kids (a map's keys and values alternate)
  };
  std::vector<Item> items;
  std::vector<uint32_t> kids;
  std::vector<std::string> scalars;
  std::vector<std::string> tags{""};
  uint32_t root = 0;
};

// A node's place in a map: the key and the value (iterating a map yields
// these; iterating a sequence yields the elements themselves).
struct YamlEntry;

class YamlNode {
 public:
  YamlNode() = default;  // undefined, as an absent key
  YamlNode(const YamlTree* tree, uint32_t index) : tree_(tree), index_(index) {}

  bool IsDefined() const { return tree_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  bool IsNull() const { return IsDefined() && item().kind == YamlTree::Kind::Null; }
  bool IsScalar() const { return IsDefined() && item().kind == YamlTree::Kind::Scalar; }
  bool IsSequence() const { return IsDefined() && item().kind == YamlTree::Kind::Sequence; }
  bool IsMap() const { return IsDefined() && item().kind == YamlTree::Kind::Map; }

  // The text of a scalar; "" for anything else.
  const std::string& Scalar() const {
    static const std::string kEmpty;
    return IsScalar() ? tree_->scalars[item().first] : kEmpty;
  }
  // "?" for a plain scalar, "!" for a quoted one, else the tag written.
  const std::string& Tag() const {
    static const std::string kEmpty;
    return IsDefined() ? tree_->tags[item().tag] : kEmpty;
  }
  YAML::Mark Mark() const { return IsDefined() ? item().mark : YAML::Mark::null_mark(); }
  YAML::EmitterStyle::value Style() const {
    return IsDefined() ? item().style : YAML::EmitterStyle::Default;
  }
  // Entries of a map, elements of a sequence, else 0.
  size_t size() const {
    if (!IsMap() && !IsSequence()) return 0;
    return IsMap() ? item().count / 2 : item().count;
  }

  // The value under `key` in a map (undefined if absent or not a map).
  YamlNode operator[](std::string_view key) const {
    if (!IsMap()) return {};
    const YamlTree::Item& it = item();
    for (uint32_t i = 0; i + 1 < it.count; i += 2) {
      const YamlNode k = kid(i);
      if (k.IsScalar() && k.Scalar() == key) return kid(i + 1);
    }
    return {};
  }
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // The i-th element of a sequence (undefined past the end or if not one).
  YamlNode operator[](size_t i) const {
    return IsSequence() && i < item().count ? kid(static_cast<uint32_t>(i)) : YamlNode{};
  }
  YamlNode operator[](int i) const { return i < 0 ? YamlNode{} : (*this)[static_cast<size_t>(i)]; }

  class iterator;
  iterator begin() const;
  iterator end() const;

 private:
  const YamlTree::Item& item() const { return tree_->items[index_]; }
  YamlNode kid(uint32_t i) const { return {tree_, tree_->kids[item().first + i]}; }

  const YamlTree* tree_ = nullptr;
  uint32_t index_ = 0;
};

struct YamlEntry : YamlNode {
  YamlNode first, second;
};

class YamlNode::iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = YamlEntry;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = YamlEntry;

  iterator() = default;
  iterator(YamlNode owner, uint32_t at) : owner_(owner), at_(at) {}
  YamlEntry operator*() const {
    YamlEntry e;
    if (owner_.IsMap()) {
      e.first = owner_.kid(at_);
      e.second = owner_.kid(at_ + 1);
    } else {
      static_cast<YamlNode&>(e) = owner_.kid(at_);
    }
    return e;
  }
  iterator& operator++() {
    at_ += owner_.IsMap() ? 2 : 1;
    return *this;
  }
  iterator operator++(int) {
    iterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const iterator& o) const { return at_ == o.at_; }

 private:
  YamlNode owner_;
  uint32_t at_ = 0;
};

inline YamlNode::iterator YamlNode::begin() const { return {*this, 0}; }
inline YamlNode::iterator YamlNode::end() const {
  return {*this, IsMap() || IsSequence() ? item().count : 0};
}

// A parsed document: the tree and its root. Nodes point into it, so it
// outlives every YamlNode taken from it.
class YamlDocument {
 public:
  YamlDocument() : tree_(std::make_unique<YamlTree>()) {}
  YamlNode root() const {
    return tree_->items.empty() ? YamlNode{} : YamlNode{tree_.get(), tree_->root};
  }
  YamlTree& tree() { return *tree_; }

 private:
  std::unique_ptr<YamlTree> tree_;  // stable address for the handles
};

}  // namespace netsim::scenario

namespace netsim::scenario {

// How a text is read: a large one in pieces on two threads (yaml_pieces.h),
// or whole; both give the same tree and the same errors.
enum class YamlRead { Pieces, Whole };

// The one document in `text`, checked by guard_yaml on the way (its
// ScenarioErrors and yaml-cpp's parse errors propagate).
YamlDocument parse_yaml_tree(const std::string& text, const std::string& file_name,
                             YamlRead how = YamlRead::Pieces);

}  // namespace netsim::scenario
