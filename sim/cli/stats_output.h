// --stats and --stats-out: where the end-of-run numbers go.
#pragma once
#include <cstdio>
#include <optional>
#include <string>

#include "sim/trace/stats_sink.h"

namespace netsim::cli {

// Throws UsageError unless FILE ends in .csv or .json (checked before the run).
void check_stats_file(const std::string& file);
// The table on `table_out` (when not null), then FILE as CSV or JSON by its extension.
void write_stats(const StatsSink& stats, Time end, std::FILE* table_out, const std::optional<std::string>& file);

}  // namespace netsim::cli
