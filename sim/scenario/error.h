// A problem with the scenario file itself: where, what is wrong, and what
// would be right. Printed as "file:line:col: what (hint)"; exits with 2.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace netsim {

// At most `max` bytes of `text`, cut at a UTF-8 character boundary and
// marked with "..." and the full length: a message never echoes a 50 MB value.
inline std::string clip(std::string_view text, size_t max = 80) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

struct SourceLoc {
  int line = 0;  // 1-based; 0 = unknown
  int col = 0;
};

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, SourceLoc loc, std::string what, std::string hint = {})
      : std::runtime_error(format(file, loc, what, hint)),
        file_(std::move(file)), loc_(loc), what_(std::move(what)), hint_(std::move(hint)) {}

  const std::string& file() const { return file_; }
  SourceLoc loc() const { return loc_; }
  const std::string& problem() const { return what_; }
  const std::string& hint() const { return hint_; }

  static std::string format(const std::string& file, SourceLoc loc, const std::string& what,
                            const std::string& hint) {
    std::string s = file;
    if (loc.line > 0) s += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
    s += ": " + clip(what, kMaxPart);
    if (!hint.empty()) s += " (" + clip(hint, kMaxPart) + ")";
    return s;
  }

 private:
  // Messages quote values through quoted() (80 bytes at most); this is the
  // backstop for the few that splice a name or a token in directly.
  static constexpr size_t kMaxPart = 400;

  std::string file_;
  SourceLoc loc_;
  std::string what_;
  std::string hint_;
};

}  // namespace netsim
