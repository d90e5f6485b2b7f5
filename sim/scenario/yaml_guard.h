// What YAML would hide or choke on, refused before the loader reads a node
// (yaml_tree.h builds its tree from the same pass): bytes that are not UTF-8
// text (NUL, invalid sequences, a BOM past the start), files too large,
// nesting too deep, alias bombs, duplicate keys, several documents and
// foreign tags. Each is a ScenarioError at file:line:col.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace YAML {
class EventHandler;
}

namespace netsim::scenario {

// Limits of a scenario file. A real scenario is a few KiB with nesting under
// twenty levels; these leave room for generated files and stop hostile ones
// long before they cost seconds or gigabytes.
inline constexpr size_t kMaxScenarioBytes = size_t{16} << 20;
inline constexpr int kMaxYamlDepth = 100;
// Nodes a reader would visit with every alias expanded (billion laughs).
inline constexpr size_t kMaxExpandedNodes = 1'000'000;
// A built node costs tens of KiB (stacks, tables, sockets): these keep
// `netsim check` of any file under 1 GB.
inline constexpr size_t kMaxNodes = 20'000;
inline constexpr size_t kMaxLinks = 80'000;

// Throws ScenarioError on the first problem; returns when `text` is one
// well-formed YAML document that the loader can read at face value. Each
// event that passed the checks goes on to `next` (the tree builder), so the
// text is scanned once.
void guard_yaml(const std::string& text, const std::string& file_name,
                YAML::EventHandler* next = nullptr);

// The two halves of guard_yaml, for a text parsed in pieces (yaml_pieces.h):
// the bytes, then a handler that checks the events it passes on to `next`.
void guard_bytes(const std::string& text, const std::string& file_name);
std::unique_ptr<YAML::EventHandler> make_event_guard(const std::string& file_name,
                                                     YAML::EventHandler* next);
// yaml-cpp's events for `text`, read in place, unchecked.
void parse_yaml_events(std::string_view text, YAML::EventHandler& handler);

}  // namespace netsim::scenario
