#include "sim/scenario/app_failures.h"

#include <algorithm>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/running_app.h"
#include "sim/scenario/simulation.h"

namespace netsim::scenario {

std::vector<std::string> unexpected_app_failures(const Simulation& sim) {
  const Scenario& sc = sim.scenario();
  std::vector<std::string> out;
  for (const AppSpec& spec : sc.apps) {
    const lang::RunningApp* app = sim.find_app(spec.name);
    if (!app || app->status() != lang::AppStatus::Failed) continue;
    const bool expected = std::any_of(sc.expects.begin(), sc.expects.end(), [&](const ExpectSpec& e) {
      return e.kind == ExpectSpec::Kind::AppStatus && e.app == spec.name && e.status == "failed";
    });
    if (expected) continue;
    out.push_back(ScenarioError::format(sc.file, app->failed_at().value_or(spec.loc),
                                        "app " + spec.name + " ended with an uncaught " + app->error_name() +
                                            (app->error_message().empty() ? "" : ": " + app->error_message()),
                                        "no expectation says it should fail; Python would exit 1"));
  }
  return out;
}

}  // namespace netsim::scenario
