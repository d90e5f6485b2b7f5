#include "sim/cli/stats_output.h"

#include <fstream>

#include "sim/cli/options.h"
#include "sim/scenario/error.h"

namespace netsim::cli {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

void check_stats_file(const std::string& file) {
  if (!ends_with(file, ".csv") && !ends_with(file, ".json"))
    throw UsageError{"--stats-out '" + clip(file) + "' must end in .csv or .json (the format)"};
}

void write_stats(const StatsSink& stats, Time end, std::FILE* table_out, const std::optional<std::string>& file) {
  const auto sections = stats.sections();
  if (table_out) std::fputs(stats_text(sections, end).c_str(), table_out);
  if (!file) return;
  std::ofstream out(*file, std::ios::binary);
  out << (ends_with(*file, ".csv") ? stats_csv(sections) : stats_json(sections, end));
  if (!out) throw UsageError{"--stats-out: cannot write '" + clip(*file) + "'"};
}

}  // namespace netsim::cli
