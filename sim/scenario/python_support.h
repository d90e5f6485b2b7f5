// The seam between the scenario layer and the embedded Python interpreter
// (sim/python): a `python:` app's program as the loader read it, and the two
// things only an interpreter can do with it, compile it (bad input at check
// time) and run it. The netsim binary opens them from a plug-in when the first
// `python:` app is loaded (set_python_loader); builds without Python (the fuzz
// harnesses, the scenario layer's unit tests) leave them out, and there a
// `python:` app is refused as not built in.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/scenario/lang/running_app.h"
#include "sim/scenario/lang/services.h"

namespace netsim::scenario {

struct PythonProgram {
  std::string file;    // as the scenario wrote it, relative to the scenario's folder
  std::string path;    // the file as opened
  std::string folder;  // the scenario file's folder: the program's working directory
  std::string source;
  std::string node;                      // the node it runs on: socket.gethostname()
  std::vector<std::string> argv;         // sys.argv[1:]
  std::vector<std::string> stdin_lines;  // what input() returns, line by line
  Time typing{0};                        // simulated time each input() takes
};

// Where the program does not compile: 1-based line and column in its file.
struct PythonCompileError {
  int line = 0;
  int col = 0;
  std::string message;  // "SyntaxError: invalid syntax"
};

struct PythonSupport {
  std::optional<PythonCompileError> (*compile)(const PythonProgram& program) = nullptr;
  // `seed` seeds the program's `random`; `scratch` is the run's folder for the files it writes.
  std::unique_ptr<lang::RunningApp> (*make_app)(const std::string& name,
                                                const PythonProgram& program,
                                                lang::AppServices& services, uint64_t seed,
                                                const std::string& scratch) = nullptr;
  // Asks the program running at this instant, if any, to stop: KeyboardInterrupt
  // at its next bytecode, as Ctrl-C does in Python. Safe from any thread; the
  // run's watch calls it when the run must end, so a loop that never calls into
  // netsim (`while True: pass`) cannot hold the run. False: no program was running.
  bool (*interrupt)() = nullptr;
};

void install_python(const PythonSupport& support);
// Called once, by the first python_support() that finds nothing installed:
// installs the support and returns "", or says why it could not.
void set_python_loader(std::string (*load)());
const PythonSupport* python_support();  // null: this build has no Python, or its loader failed
// Why the loader failed ("" when it did not, or there is no loader).
const std::string& python_load_error();
// PythonSupport::interrupt when this build has Python; false otherwise.
bool interrupt_python_programs();

// The run's scratch folder, made on first use and removed at the end of the
// run unless it is the one `--keep-files DIR` names.
class ScratchFolder {
 public:
  explicit ScratchFolder(std::string keep) : path_(std::move(keep)), keep_(!path_.empty()) {}
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ~ScratchFolder();
  const std::string& path();

 private:
  std::string path_;
  bool keep_;
};

}  // namespace netsim::scenario
