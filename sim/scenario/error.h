// A problem with the scenario file itself: where, what is wrong, and what
// would be right. Printed as "file:line:col: what (hint)"; exits with 2.
#pragma once
#include <stdexcept>
#include <string>

namespace netsim {

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
    s += ": " + what;
    if (!hint.empty()) s += " (" + hint + ")";
    return s;
  }

 private:
  std::string file_;
  SourceLoc loc_;
  std::string what_;
  std::string hint_;
};

}  // namespace netsim
