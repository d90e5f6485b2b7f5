// "did you mean 'recvfrom'?": the closest known name to a misspelt one, for
// the hints of ScenarioErrors.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace netsim::lang {

// The hint for `word` among `candidates`, or "" when none is close. Ties go to
// the earlier candidate, so hints are stable.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace netsim::lang
