// Real Python programs run as apps (sim/python): programs written to a
// temporary folder beside a scenario loaded from text, run, and read back
// through RunningApp: globals as values, simulated threads and their
// primitives in simulated time, random from the scenario's seed, and
// programs that do not compile refused at load time.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "sim/python/embedded_python.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"

using namespace netsim;
using namespace netsim::scenario;
namespace fs = std::filesystem;

namespace {

// One host running `program` (Python source) as app "app".
struct PythonRun {
  fs::path folder;
  Scenario scenario;
  std::unique_ptr<Simulation> sim;

  PythonRun(const std::string& program, const std::string& extra_app_keys = "",
            const std::string& top = "")
      : folder(fs::temp_directory_path() / ("netsim-python-test-" + std::to_string(::getpid()))) {
    python::install();
    fs::create_directories(folder);
    std::ofstream(folder / "program.py") << program;
    scenario = load_scenario_text(
        "name: python test\n" + top +
            "nodes:\n  pc: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}\n"
            "apps:\n  app: {node: pc, python: program.py" + extra_app_keys + "}\n",
        (folder / "test.yaml").string());
    RunOptions options;
    options.max_events = 1'000'000;
    sim = std::make_unique<Simulation>(scenario, options);
    sim->run();
  }
  ~PythonRun() {
    sim.reset();
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
  lang::RunningApp& app() { return *sim->find_app("app"); }
  std::string var(const char* name) {
    const lang::Value* v = app().variable(name);
    return v ? v->repr() : "<unset>";
  }
};

}  // namespace

TEST_CASE("a program's globals read as the step language's values") {
  PythonRun r(
      "n = 3\nbig = 2**70\nx = 1.5\nok = True\nnothing = None\ns = 'é'\nb = b'\\x00z'\n"
      "ba = bytearray(b'ab')\nt = (1, ('a', [2.5]))\nd = {'k': 1}\n");
  CHECK(r.app().status() == lang::AppStatus::Finished);
  CHECK(r.var("n") == "3");
  CHECK(r.var("big") == "1.1805916207174113e+21");  // past int64: a float, as equals/min/max compare
  CHECK(r.var("x") == "1.5");
  CHECK(r.var("ok") == "True");
  CHECK(r.var("nothing") == "None");
  CHECK(r.var("s") == "'é'");
  CHECK(r.var("b") == "b'\\x00z'");
  CHECK(r.var("ba") == "b'ab'");
  CHECK(r.var("t") == "(1, ('a', [2.5]))");
  CHECK(r.var("d") == "\"{'k': 1}\"");  // anything else: its repr(), as a str
  CHECK(r.var("missing") == "<unset>");
}

TEST_CASE("threads, locks, conditions and events run in simulated time, in a fixed order") {
  PythonRun r(R"(
import threading, time
log = []
lock = threading.Lock()
ready = threading.Condition()
items = []
done = threading.Event()

def worker(name, delay):
    time.sleep(delay)
    with lock:
        log.append((name, time.time()))

def consumer():
    with ready:
        ready.wait_for(lambda: items)
        log.append(("got", items[0], time.time()))
    done.set()

threads = [threading.Thread(target=worker, args=(n, d)) for n, d in [("b", 0.2), ("a", 0.1)]]
threads.append(threading.Thread(target=consumer))
for t in threads:
    t.start()
time.sleep(0.3)
with ready:
    items.append("x")
    ready.notify()
waited = done.wait(5)
for t in threads:
    t.join()
names = [t.name for t in threads]
end = time.time()
)");
  CHECK(r.app().status() == lang::AppStatus::Finished);
  CHECK(r.var("log") == "[('a', 0.1), ('b', 0.2), ('got', 'x', 0.3)]");
  CHECK(r.var("waited") == "True");
  CHECK(r.var("names") == "['Thread-1 (worker)', 'Thread-2 (worker)', 'Thread-3 (consumer)']");
  CHECK(r.var("end") == "0.3");
}

TEST_CASE("a lock's timeout and a thread's uncaught exception, as in Python") {
  PythonRun r(R"(
import threading
lock = threading.Lock()
lock.acquire()
got = lock.acquire(timeout=0.5)
def fails():
    raise ValueError("in a thread")
t = threading.Thread(target=fails, name="T")
t.start()
t.join()
after = "main goes on"
)");
  CHECK(r.app().status() == lang::AppStatus::Finished);
  CHECK(r.var("got") == "False");
  CHECK(r.var("after") == "'main goes on'");
}

TEST_CASE("random is seeded from the scenario's seed and the app") {
  const std::string program = "import random\nr = random.random()\nmine = random.Random().random()\n";
  PythonRun a(program, "", "seed: 7\n");
  PythonRun b(program, "", "seed: 7\n");
  PythonRun c(program, "", "seed: 8\n");
  CHECK(a.var("r") == b.var("r"));
  CHECK(a.var("mine") == b.var("mine"));
  CHECK(a.var("r") != c.var("r"));
}

TEST_CASE("input() takes `typing` each and returns the stdin lines, then EOFError") {
  PythonRun r("import time\nfirst = input('> ')\nsecond = input()\nt = time.time()\ninput()\n",
              ", stdin: [one, two], typing: 250ms");
  CHECK(r.var("first") == "'one'");
  CHECK(r.var("second") == "'two'");
  CHECK(r.var("t") == "0.5");
  CHECK(r.app().status() == lang::AppStatus::Failed);
  CHECK(r.app().error_name() == "EOFError");
}

TEST_CASE("a program that does not compile is refused with its own file:line:col") {
  python::install();
  const fs::path folder = fs::temp_directory_path() / "netsim-python-test-bad";
  fs::create_directories(folder);
  std::ofstream(folder / "bad.py") << "x = 1\nif x\n    pass\n";
  try {
    load_scenario_text("name: t\nnodes:\n  pc: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}}\n"
                       "apps:\n  a: {node: pc, python: bad.py}\n",
                       (folder / "t.yaml").string());
    FAIL("loaded");
  } catch (const ScenarioError& e) {
    CHECK(e.file() == (folder / "bad.py").string());
    CHECK(e.loc().line == 2);
    CHECK(e.loc().col == 5);
    CHECK(e.problem() == "SyntaxError: expected ':'");
  }
  fs::remove_all(folder);
}
