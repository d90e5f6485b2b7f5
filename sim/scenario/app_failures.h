// Python exits 1 when its program dies of an uncaught error; a run does the
// same for each app that failed unless an expectation says it should fail.
#pragma once
#include <string>
#include <vector>

namespace netsim::scenario {

class Simulation;

// One "file:line:col: app NAME ended with an uncaught ERROR: message" per app
// that failed with no `{app: NAME, status: failed}` expectation, in file order.
std::vector<std::string> unexpected_app_failures(const Simulation& sim);

}  // namespace netsim::scenario
