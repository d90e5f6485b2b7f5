// The loader's error contract in one check: a broken scenario fails at the
// right place (1-based line:col) with a message holding what is wrong and
// what would be right. Shared by the loader's error tests.
#pragma once
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "sim/scenario/loader.h"

namespace netsim::test {

// Loads `yaml` expecting a ScenarioError at line:col whose text holds every one of `parts`.
inline void check_error(const std::string& yaml, int line, int col,
                        std::initializer_list<const char*> parts) {
  INFO("scenario:\n" << yaml);
  try {
    scenario::load_scenario_text(yaml, "bad.yaml");
    FAIL("loaded without error");
  } catch (const ScenarioError& e) {
    INFO("error: " << e.what());
    CHECK(e.file() == "bad.yaml");
    CHECK(e.loc().line == line);
    CHECK(e.loc().col == col);
    const std::string text = e.what();
    CHECK(text.rfind("bad.yaml:" + std::to_string(line) + ":" + std::to_string(col) + ": ", 0) ==
          0);
    for (const char* part : parts) CHECK(text.find(part) != std::string::npos);
  }
}

inline void check_error(const std::string& yaml, int line, int col, const char* part) {
  check_error(yaml, line, col, {part});
}

}  // namespace netsim::test
