// The app language's guards against hostile programs: nesting and length
// limits at parse time, empty forms, the value memory budget, value depth and
// thread slots at run time. Each ends in a message or a Python error with a
// place, never a crash.
#include <catch2/catch.hpp>
#include <string>

#include "sim/scenario/lang/expression_parser.h"
#include "sim/scenario/lang/parser.h"
#include "sim/scenario/yaml_tree.h"
#include "tests/unit/lang/fake_services.h"

using netsim::ScenarioError;
using netsim::lang::AppStatus;
using netsim::lang::kMaxNesting;
using netsim::lang::test::RunApp;

namespace {

std::string statement_error(const std::string& text) {
  const netsim::lang::TextOrigin origin{"t.yaml", {3, 7}, true};
  try {
    (void)netsim::lang::parse_statement(text, origin, false);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

std::string program_error(const std::string& yaml) {
  try {
    (void)netsim::lang::parse_program(netsim::scenario::parse_yaml_tree(yaml, "t.yaml").root(), "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

std::string repeated(const std::string& unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit;
  return out;
}

}  // namespace

TEST_CASE("nesting up to the limit parses; past it is an error with a place, not a stack overflow") {
  CHECK(statement_error("x = " + repeated("(", kMaxNesting - 2) + "1" +
                        repeated(")", kMaxNesting - 2)) == "no error");
  for (const std::string& deep :
       {"x = " + repeated("(", 20000) + "1" + repeated(")", 20000), "x = " + repeated("not ", 20000) + "1",
        "x = " + repeated("-", 20000) + "1", "x = " + repeated("[", 20000) + repeated("]", 20000),
        repeated("if 1: ", 20000) + "pass", "x = " + repeated("len(", 20000) + "1" + repeated(")", 20000)}) {
    const std::string e = statement_error(deep);
    INFO(deep.substr(0, 40));
    CHECK(e.find("t.yaml:3:") == 0);
    CHECK(e.find("nested too deeply: more than 200 levels") != std::string::npos);
  }
}

TEST_CASE("long chains built by loops stop at the same depth: 1+1+..., x[0][0]..., a.upper()...") {
  std::string sum = "x = 1";
  for (int i = 0; i < 175000; ++i) sum += "+1";
  for (const std::string& chain :
       {sum, "x = y" + repeated("[0]", 5000), "x = y" + repeated(".upper()", 5000),
        "x = 1" + repeated(" or 1", 5000)}) {
    const std::string e = statement_error(chain);
    CHECK(e.find("t.yaml:3:") == 0);
    CHECK(e.find("expression too deep: more than 200 operations") != std::string::npos);
  }
  CHECK(statement_error("x = 1" + repeated("+1", kMaxNesting - 1)) == "no error");
}

TEST_CASE("empty forms are errors with a place") {
  CHECK(program_error("- {}") == "t.yaml:1:3: empty step {} (write a statement such as x = 1, pass, or a "
                                 "block {while: COND, do: [steps]})");
  CHECK(program_error("- {if: 1, do: [pass], else: {}}").find("t.yaml:1:29: 'else' needs at least one step") == 0);
  CHECK(program_error("- {while: 1, do: {}}").find("'do' needs at least one step") != std::string::npos);
  CHECK(program_error("- {thread: {}}").find("'thread' needs at least one step") != std::string::npos);
  CHECK(program_error("- {try: [pass], except: {OSError: {}}}").find("'OSError' needs at least one step") !=
        std::string::npos);
  CHECK(program_error("- {try: [pass], except: {}}").find("'except' needs ErrorName: [steps] entries") !=
        std::string::npos);
  CHECK(program_error("- {try: [pass], except: []}").find("'except' needs at least one step") !=
        std::string::npos);
}

TEST_CASE("a doubling + loop hits the value budget: MemoryError at the '+'") {
  RunApp r(R"(
- x = b"x" * 1048576
- while: True
  do:
    - x = x + x
)");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "MemoryError");
  CHECK(r.app->error_loc().line == 5);
  CHECK(r.app->error_loc().col == 13);
  CHECK(netsim::lang::live_value_bytes() < netsim::lang::kValueBudgetBytes);
}

TEST_CASE("many values that each fit still share one budget") {
  RunApp r(R"(
- a = b"x" * 200000000
- b = a + b"y"
- c = a + b"z"
)");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "MemoryError");
  CHECK(r.app->error_loc().line == 4);
}

TEST_CASE("the budget is given back when values go") {
  RunApp r(R"(
- repeat: 5
  do:
    - x = b"x" * 150000000
)");
  CHECK(r.app->status() == AppStatus::Finished);
}

TEST_CASE("tuples nested past the limit raise RecursionError; printing one below it works") {
  RunApp r(R"(
- t = ()
- n = 0
- while: True
  do:
    - t = (t,)
    - n += 1
)");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "RecursionError");
  CHECK(r.var("n").as_int() == netsim::lang::kMaxValueDepth - 1);
  RunApp ok(R"(
- t = ()
- repeat: 900
  do:
    - t = (t,)
- s = str(t)
)");
  CHECK(ok.app->status() == AppStatus::Finished);
  CHECK(ok.var("s").text().size() > 1800);
}

TEST_CASE("threads that end free their slot: thousands in turn never hit the thread limit") {
  RunApp r(R"(
- n = 0
- repeat: 5000
  do:
    - thread:
        - sleep(0.001)
    - sleep(0.002)
    - n += 1
)");
  CHECK(r.app->status() == AppStatus::Finished);
  CHECK(r.var("n").as_int() == 5000);
}

TEST_CASE("a sleep past the longest duration is OverflowError, not a wrapped clock") {
  RunApp r("- sleep(1e12)\n");
  CHECK(r.app->error_name() == "OverflowError");
  RunApp ok("- sleep(315360000)\n");  // 10 years: the longest
  CHECK(ok.app->status() == netsim::lang::AppStatus::Finished);
}
