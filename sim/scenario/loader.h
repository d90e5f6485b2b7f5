// Scenario files: YAML text -> the validated model. Stops at the first problem
// with a ScenarioError "file:line:col: what is wrong (what would be right)".
#pragma once
#include <string>

#include "sim/scenario/model.h"

namespace netsim::scenario {

Scenario load_scenario_file(const std::string& path);
// `file_name` is used in messages only.
Scenario load_scenario_text(const std::string& text, const std::string& file_name);

}  // namespace netsim::scenario
