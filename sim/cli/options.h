// Command-line parsing for every netsim command: flags with values, clear
// errors (exit 2) and --help text per command.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"

namespace netsim::cli {

struct UsageError {
  std::string message;
};

struct FlagSpec {
  std::string name;     // "--stop"
  std::string value;    // placeholder ("T"); empty: a switch
  std::string help;
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // flag -> value ("" for switches)
  bool has(const std::string& flag) const { return values.count(flag) != 0; }
  std::optional<std::string> get(const std::string& flag) const {
    auto it = values.find(flag);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
};

// Throws UsageError on an unknown flag or a missing value. Accepts "--flag value" and "--flag=value".
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& flags);
std::string flag_help(const std::vector<FlagSpec>& flags);
// A flag's value as a duration ("1ms", "0.5"), or a whole number in [low, high]; UsageError otherwise.
std::optional<Time> duration_flag(const ParsedArgs& args, const char* flag);
std::optional<uint64_t> number_flag(const ParsedArgs& args, const char* flag, uint64_t low,
                                    uint64_t high);

}  // namespace netsim::cli
