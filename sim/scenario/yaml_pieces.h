// A large scenario read by two yaml-cpp parsers at once. yaml-cpp scans about
// 1,600 instructions a byte: the 680 kB of a 1000-flow scenario cost ~0.1 s,
// a sixth of its whole run. Such files are a few top-level keys, one of them
// (`apps:`) a block map holding most of the text; its entries are cut in two
// at a line where an entry starts, and the second part is parsed on another
// thread while this one parses what comes before and after. The events are
// then handed on in the file's order, with marks as a single parse gives.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace YAML {
class EventHandler;
}

namespace netsim::scenario {

// Files smaller than this are parsed whole: a thread is not worth it.
inline constexpr size_t kYamlPiecesMinBytes = size_t{128} << 10;

// Where a text may be cut: [begin, end) are entries of the block map under a
// top-level key, indented two spaces, that a parser reads on its own.
struct YamlCut {
  size_t begin = 0;
  size_t end = 0;
};

// A cut near the middle of `text`, or none when the text is small or not
// laid out as above (flow or sequence at the top, directives, several
// documents, CR line breaks).
std::optional<YamlCut> find_yaml_cut(std::string_view text);

// Feeds `sink` the events a single parse of `text` would, reading the
// middle piece on a second thread. Returns false, with `sink` having seen
// part of them, when the pieces do not join as one parse (then parse whole);
// yaml-cpp's exceptions and the sink's propagate.
bool parse_yaml_in_pieces(const std::string& text, const YamlCut& cut, YAML::EventHandler& sink);

}  // namespace netsim::scenario
