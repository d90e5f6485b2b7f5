#include "sim/cli/options.h"

#include <exception>

#include "sim/scenario/error.h"
#include "sim/scenario/units.h"

namespace netsim::cli {

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& flags) {
  ParsedArgs out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a.compare(0, 2, "--") != 0) {
      out.positional.push_back(a);
      continue;
    }
    const size_t eq = a.find('=');
    const std::string name = a.substr(0, eq);
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& f : flags)
      if (f.name == name) spec = &f;
    if (!spec) throw UsageError{"unknown option '" + clip(name) + "'"};
    if (spec->value.empty()) {
      if (eq != std::string::npos) throw UsageError{"option '" + name + "' takes no value"};
      out.values[name] = "";
    } else if (eq != std::string::npos) {
      out.values[name] = a.substr(eq + 1);
    } else {
      if (i + 1 >= args.size()) throw UsageError{"option '" + name + "' needs a value (" + spec->value + ")"};
      out.values[name] = args[++i];
    }
  }
  return out;
}

std::string flag_help(const std::vector<FlagSpec>& flags) {
  std::string out;
  for (const FlagSpec& f : flags) {
    std::string left = "  " + f.name + (f.value.empty() ? "" : " " + f.value);
    if (left.size() < 24) left.resize(24, ' ');
    out += left + f.help + "\n";
  }
  return out;
}

std::optional<Time> duration_flag(const ParsedArgs& args, const char* flag) {
  const auto v = args.get(flag);
  if (!v) return std::nullopt;
  const auto t = scenario::parse_duration(*v);
  if (!t)
    throw UsageError{std::string(flag) + " '" + *v + "' is not a duration (e.g. 1ms, 0.5, 100us)"};
  return t;
}

std::optional<uint64_t> number_flag(const ParsedArgs& args, const char* flag, uint64_t low,
                                    uint64_t high) {
  const auto v = args.get(flag);
  if (!v) return std::nullopt;
  try {
    size_t used = 0;
    const unsigned long long n = std::stoull(*v, &used);
    if (used == v->size() && n >= low && n <= high) return n;
  } catch (const std::exception&) {
  }
  throw UsageError{std::string(flag) + " '" + *v + "' is not a whole number from " +
                   std::to_string(low) + " to " + std::to_string(high)};
}

}  // namespace netsim::cli
