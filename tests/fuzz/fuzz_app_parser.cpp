// libFuzzer harness for the app language's statement and expression parser:
// any text is a step or a ScenarioError, never a crash, a hang or a stack
// overflow. The first byte picks statement or expression, and in a loop or not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/expression_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const netsim::lang::TextOrigin origin{"fuzz.yaml", {1, 1}, true};
  try {
    if (data[0] & 1) {
      int call_sites = 0;
      (void)netsim::lang::parse_expression(text, origin, call_sites);
    } else {
      (void)netsim::lang::parse_statement(text, origin, (data[0] & 2) != 0);
    }
  } catch (const netsim::ScenarioError&) {
  }
  return 0;
}
