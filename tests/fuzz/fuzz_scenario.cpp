// libFuzzer harness for the scenario loader: the YAML guard, the reader, the
// app programs and the address checks. Bad input must end in a ScenarioError;
// anything else escaping (bad_alloc, a yaml-cpp exception), a crash, a hang
// or more than -rss_limit_mb is a finding. (Building the network is left out:
// it would pull every device into the fuzz build, which CI keeps short.)
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/scenario/error.h"
#include "sim/scenario/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)netsim::scenario::load_scenario_text(text, "fuzz.yaml");
  } catch (const netsim::ScenarioError&) {
  }
  return 0;
}
