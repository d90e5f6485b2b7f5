// The compact tree from yaml-cpp's events: each collection's children are
// gathered on a stack and copied to `kids` in one block when it closes.
#include "sim/scenario/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <exception>
#include <map>

#include "sim/scenario/yaml_guard.h"
#include "sim/scenario/yaml_pieces.h"

namespace netsim::scenario {
namespace {

class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(YamlTree& tree) : tree_(tree) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(YamlTree::Item{mark, YamlTree::Kind::Null}, anchor);
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it != anchors_.end()) place(it->second);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlTree::Item item{mark, YamlTree::Kind::Scalar};
    item.tag = tag_index(tag);
    item.first = static_cast<uint32_t>(tree_.scalars.size());
    tree_.scalars.push_back(value);
    add(item, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, YamlTree::Kind::Sequence);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, YamlTree::Kind::Map);
  }
  void OnMapEnd() override { close(); }

  void finish() {
    if (tree_.items.empty()) {  // an empty document reads as null, as yaml-cpp's does
      tree_.items.push_back(YamlTree::Item{YAML::Mark::null_mark(), YamlTree::Kind::Null});
      tree_.root = 0;
    }
    tree_.items.shrink_to_fit();
    tree_.kids.shrink_to_fit();
    tree_.scalars.shrink_to_fit();
  }

 private:
  uint16_t tag_index(const std::string& tag) {
    const auto it = std::find(tree_.tags.begin(), tree_.tags.end(), tag);
    if (it != tree_.tags.end()) return static_cast<uint16_t>(it - tree_.tags.begin());
    tree_.tags.push_back(tag);
    return static_cast<uint16_t>(tree_.tags.size() - 1);
  }

  uint32_t add(const YamlTree::Item& item, YAML::anchor_t anchor) {
    const auto index = static_cast<uint32_t>(tree_.items.size());
    tree_.items.push_back(item);
    if (anchor != 0) anchors_[anchor] = index;
    place(index);
    return index;
  }

  void place(uint32_t index) {
    if (open_.empty()) {
      tree_.root = index;
    } else {
      pending_.push_back(index);
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style, YamlTree::Kind kind) {
    YamlTree::Item item{mark, kind, style};
    item.tag = tag_index(tag);
    const uint32_t index = add(item, anchor);
    open_.push_back({index, pending_.size()});
  }

  void close() {
    const Open done = open_.back();
    open_.pop_back();
    YamlTree::Item& item = tree_.items[done.index];
    item.first = static_cast<uint32_t>(tree_.kids.size());
    item.count = static_cast<uint32_t>(pending_.size() - done.pending_from);
    tree_.kids.insert(tree_.kids.end(), pending_.begin() + static_cast<std::ptrdiff_t>(done.pending_from),
                      pending_.end());
    pending_.resize(done.pending_from);
  }

  struct Open {
    uint32_t index;
    size_t pending_from;  // its children so far are pending_[pending_from..]
  };
  YamlTree& tree_;
  std::vector<Open> open_;
  std::vector<uint32_t> pending_;
  std::map<YAML::anchor_t, uint32_t> anchors_;
};

}  // namespace

YamlDocument parse_yaml_tree(const std::string& text, const std::string& file_name, YamlRead how) {
  if (const auto cut = how == YamlRead::Pieces ? find_yaml_cut(text) : std::nullopt) {
    guard_bytes(text, file_name);
    try {
      YamlDocument doc;
      TreeBuilder builder(doc.tree());
      const auto guard = make_event_guard(file_name, &builder);
      if (parse_yaml_in_pieces(text, *cut, *guard)) {
        builder.finish();
        return doc;
      }
    } catch (const std::exception&) {
      // A piece that does not parse, or a problem the guard saw: read whole
      // below, which reports it exactly as a single parse does.
    }
  }
  YamlDocument doc;
  TreeBuilder builder(doc.tree());
  guard_yaml(text, file_name, &builder);
  builder.finish();
  return doc;
}

}  // namespace netsim::scenario
