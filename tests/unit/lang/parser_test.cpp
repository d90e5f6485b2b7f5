// parse_program: every app in the contract's examples parses, and bad steps
// give file:line:col, what is wrong and a hint.
#include "sim/scenario/lang/parser.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/scenario/yaml_tree.h"

namespace fs = std::filesystem;
using netsim::ScenarioError;
using netsim::lang::parse_program;
using netsim::lang::Program;
using netsim::lang::StepKind;

namespace {

// The parse error of some YAML steps.
ScenarioError parse_error(const std::string& yaml) {
  try {
    parse_program(netsim::scenario::parse_yaml_tree(yaml, "t.yaml").root(), "t.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("no error for: " << yaml);
  throw;
}

// Every app's steps in one scenario file (apps that run a Python program
// have none); returns how many apps parsed.
int parse_apps(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const netsim::scenario::YamlDocument doc = netsim::scenario::parse_yaml_tree(text, file.string());
  const netsim::scenario::YamlNode root = doc.root();
  int parsed = 0;
  for (const auto& app : root["apps"]) {
    if (!app.second["steps"].IsDefined()) continue;
    INFO(file.string() << " app " << app.first.Scalar());
    const Program p = parse_program(app.second["steps"], file.string());
    CHECK(!p.steps.empty());
    ++parsed;
  }
  return parsed;
}

}  // namespace

TEST_CASE("every app of the contract's examples and our scenarios parses") {
  const fs::path repo = fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  const fs::path examples = repo.parent_path() / "shared" / "spec" / "examples";
  int apps = 0;
  int files = 0;
  for (const fs::path& dir : {examples, repo / "scenarios"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".yaml") continue;
      ++files;
      try {
        apps += parse_apps(entry.path());
      } catch (const ScenarioError& e) {
        FAIL(e.what());
      }
    }
  }
  if (fs::exists(examples)) {
    CHECK(files >= 11);  // 5 foundation + 6 sockets
    CHECK(apps >= 20);
  }
}

TEST_CASE("the spec's socket programs parse into the expected shapes") {
  const Program p = parse_program(netsim::scenario::parse_yaml_tree(R"(
- s = socket(AF_INET, SOCK_STREAM)
- s.bind(("0.0.0.0", 8999))
- while: True
  do:
    - conn, addr = s.accept()
    - while: True
      do:
        - data = conn.recv(1024)
        - "if not data: break"
        - conn.sendall(data.upper())
    - conn.close()
- try:
    - s.connect(("10.0.0.3", 80))
  except:
    TimeoutError:
      - timed_out = True
    "ConnectionRefusedError, gaierror":
      - refused = True
- {if: 'name == b"movie.mp4"', do: [conn.sendall(b"B" * 1000000)], else: [pass]}
- thread:
    - c.settimeout(3)
- repeat: 3
  do: [pass]
)", "t.yaml").root(),
                                  "t.yaml");
  REQUIRE(p.steps.size() == 7);
  CHECK(p.steps[0].kind == StepKind::Assign);
  CHECK(p.steps[1].kind == StepKind::Evaluate);
  const auto& loop = p.steps[2];
  CHECK(loop.kind == StepKind::While);
  CHECK(loop.body[0].targets.size() == 2);
  CHECK(p.names[loop.body[0].targets[0]] == "conn");
  CHECK(p.names[loop.body[0].targets[1]] == "addr");
  CHECK(loop.body[0].unpack);
  const auto& inner = loop.body[1];
  CHECK(inner.body[1].kind == StepKind::If);
  CHECK(inner.body[1].body[0].kind == StepKind::Break);
  CHECK(inner.body[2].call_sites == 2);  // sendall and upper
  const auto& t = p.steps[3];
  CHECK(t.kind == StepKind::Try);
  REQUIRE(t.handlers.size() == 2);
  CHECK(t.handlers[1].catches.size() == 2);
  CHECK(p.steps[4].orelse.size() == 1);
  CHECK(p.steps[5].kind == StepKind::Thread);
  CHECK(p.steps[6].kind == StepKind::Repeat);
  CHECK(p.steps[0].loc.line == 2);
  CHECK(p.steps[0].loc.col == 3);
  CHECK(loop.loc.line == 4);
}

TEST_CASE("unknown names get a did-you-mean hint at the right column") {
  auto e = parse_error("- x = 1\n- n = pnig(\"10.0.0.1\", 2)\n");
  CHECK(e.file() == "t.yaml");
  CHECK(e.loc().line == 2);
  CHECK(e.loc().col == 7);
  CHECK(e.problem() == "unknown function 'pnig'");
  CHECK(e.hint() == "did you mean 'ping'?");
  CHECK(std::string(e.what()) == "t.yaml:2:7: unknown function 'pnig' (did you mean 'ping'?)");

  e = parse_error("- d = c.recvfom(1024)");
  CHECK(e.loc().col == 9);
  CHECK(e.problem() == "unknown method 'recvfom'");
  CHECK(e.hint() == "did you mean 'recvfrom'?");

  e = parse_error("- try:\n    - x = 1\n  except:\n    TimeoutErorr:\n      - pass\n");
  CHECK(e.loc().line == 4);
  CHECK(e.loc().col == 5);
  CHECK(e.problem() == "unknown error 'TimeoutErorr'");
  CHECK(e.hint() == "did you mean 'TimeoutError'?");

  e = parse_error("- try: [pass]\n  except: {ConnectionRefused: [pass]}\n");
  CHECK(e.hint() == "did you mean 'ConnectionRefusedError'?");

  e = parse_error("- whlie: True\n  do: [pass]\n");
  CHECK(e.loc().line == 1);
  CHECK(e.loc().col == 3);
  CHECK(e.hint() == "did you mean 'while'?");

  e = parse_error("- x = len\n");
  CHECK(e.problem() == "'len' is a function");
  CHECK(e.hint() == "call it: len(x)");
}

TEST_CASE("syntax errors point into the step's text") {
  // A quoted scalar starts one column after its quote.
  auto e = parse_error("- \"x = (1 + \"\n");
  CHECK(e.loc().line == 1);
  CHECK(e.loc().col == 13);
  CHECK(e.problem() == "unexpected end of step: expected an expression");

  e = parse_error("- 'x = \"abc'\n");
  CHECK(e.loc().col == 8);
  CHECK(e.problem() == "unterminated string literal");

  e = parse_error("- s.bind(\"a\", 1)\n");
  CHECK(e.loc().col == 9);
  CHECK(e.problem() == "'bind' takes 1 argument (2 given)");
  CHECK(e.hint() == "s.bind((host, port))");

  e = parse_error("- n = ping(\"a\", count=2)\n");
  CHECK(e.problem() == "keyword arguments are not supported");
  CHECK(e.loc().col == 17);

  e = parse_error("- x = f\"{a}\"\n");
  CHECK(e.problem() == "f-strings are not supported");

  e = parse_error("- x = 1 2\n");
  CHECK(e.loc().col == 9);
  CHECK(e.problem() == "unexpected number");

  e = parse_error("- x = b\"我\"\n");
  CHECK(e.problem() == "bytes can only contain ASCII literal characters");

  e = parse_error("- x = y = 1\n");
  CHECK(e.problem() == "chained assignment is not supported");

  // from_chars would stop at the bad digit and read 0b102 as 2.
  e = parse_error("- x = 0b102\n");
  CHECK(e.loc().col == 7);
  CHECK(e.problem() == "invalid digit '2' in binary literal");
  e = parse_error("- x = 0o8\n");
  CHECK(e.problem() == "invalid digit '8' in octal literal");

  e = parse_error("- |\n  x = (\n");
  CHECK(e.loc().line == 1);  // a block scalar: the error points at the step
  CHECK(e.loc().col == 3);
}

TEST_CASE("step structure errors") {
  auto e = parse_error("- break\n");
  CHECK(e.problem() == "'break' outside loop");
  CHECK(e.loc().col == 3);

  e = parse_error("- repeat: 2\n  do:\n    - thread:\n        - \"if x: break\"\n");
  CHECK(e.problem() == "'break' outside loop");  // a thread body is not inside the loop
  CHECK(e.loc().line == 4);
  CHECK(e.loc().col == 18);

  e = parse_error("- if not data: break\n");
  CHECK(e.problem() == "this step was read by YAML as a map because of ': '");
  CHECK(e.hint() == "quote the whole step: - \"if not data: break\"");

  e = parse_error("- while True:\n");
  CHECK(e.hint() == "a loop is a map step: {while: COND, do: [steps]}");

  e = parse_error("- {while: True, do: []}\n");
  CHECK(e.problem() == "'do' needs at least one step");
  CHECK(e.loc().col == 21);

  e = parse_error("- {while: True, do: [pass], else: [pass]}\n");
  CHECK(e.problem() == "'else' does not belong in a 'while' step");

  e = parse_error("- repeat: 3\n");
  CHECK(e.problem() == "'repeat' needs 'do:'");

  e = parse_error("- {if: x, do: [print(\"a\", x)]}\n");
  CHECK(e.hint() == "YAML splits a [ ] list at commas: write these steps one per line with '- '");

  e = parse_error("- {try: [pass]}\n");
  CHECK(e.problem() == "'try' needs 'except:'");

  e = parse_error("- {if: x, while: y, do: [pass]}\n");
  CHECK(e.problem() == "'if' and 'while' cannot share one step");

  e = parse_error("-\n- x = 1\n");
  CHECK(e.problem() == "empty step");

  e = parse_error("- for x in y: pass\n");
  CHECK(e.problem() == "this step was read by YAML as a map because of ':'");

  e = parse_error("- \"for x in y: pass\"\n");
  CHECK(e.problem() == "'for' is not a step");

  e = parse_error("- import os\n");
  CHECK(e.problem() == "no module named 'os'");

  e = parse_error("x: 1\n");
  CHECK(e.problem() == "an app's steps must be a list");
}

TEST_CASE("conditions accept YAML booleans and numbers") {
  const Program p = parse_program(
      netsim::scenario::parse_yaml_tree(
          "- {while: true, do: [break]}\n- {repeat: 2, do: [pass]}\n- {if: 0, do: [pass]}\n", "t.yaml").root(),
      "t.yaml");
  CHECK(p.steps[0].expr->literal.repr() == "True");
  CHECK(p.steps[1].expr->literal.repr() == "2");
  CHECK(p.steps[2].expr->literal.repr() == "0");
}

TEST_CASE("programs parsed through one cache share equal statements, each at its own place") {
  netsim::lang::ParseCache cache;
  auto parse = [&](const std::string& yaml) {
    return parse_program(netsim::scenario::parse_yaml_tree(yaml, "t.yaml").root(), "t.yaml", &cache);
  };
  const Program a = parse("- u = socket(AF_INET, SOCK_DGRAM)\n- n = len(u.recv(9))\n- \"if n: print(n)\"\n");
  const Program b = parse("\n\n- u = socket(AF_INET, SOCK_DGRAM)\n-   n = len(u.recv(9))\n- \"if n: print(n)\"\n");
  // Different texts before them: the same names get other slots, so not shared.
  const Program c = parse("- n = 0\n- u = socket(AF_INET, SOCK_DGRAM)\n- n = len(u.recv(9))\n");
  REQUIRE(a.steps.size() == 3);
  REQUIRE(b.steps.size() == 3);
  CHECK(a.steps[0].expr == b.steps[0].expr);
  CHECK(a.steps[1].expr == b.steps[1].expr);
  CHECK(a.steps[2].body[0].expr == b.steps[2].body[0].expr);
  CHECK(a.names == b.names);
  // Each step keeps where it is written: b's start two lines lower, its
  // second step's text two columns further right.
  CHECK(b.steps[0].loc.line == a.steps[0].loc.line + 2);
  CHECK(b.steps[1].loc.col == a.steps[1].loc.col + 2);
  CHECK(b.steps[1].at(b.steps[1].expr->offset).col == a.steps[1].at(a.steps[1].expr->offset).col + 2);
  CHECK(b.steps[2].body[0].loc.line == 5);
  CHECK(c.names[c.steps[2].targets[0]] == "n");
  CHECK(c.steps[2].targets[0] == 0);
  CHECK(a.names[a.steps[1].targets[0]] == "n");
  CHECK(a.steps[1].targets[0] != 0);
  CHECK(c.steps[2].expr != a.steps[1].expr);
}
