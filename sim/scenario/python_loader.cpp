#include "sim/scenario/python_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace netsim::scenario {
namespace {

std::vector<std::string> string_list(const YamlReader& in, const YamlNode& n,
                                     const std::string& what) {
  in.require_sequence(n, what);
  std::vector<std::string> out;
  for (const YamlNode& item : n) out.push_back(in.scalar(item, what));
  return out;
}

}  // namespace

void check_python_keys(const YamlReader& in, const YamlNode& app, const std::string& what) {
  const bool python = app["python"].IsDefined();
  if (python && app["steps"].IsDefined())
    in.fail(app["steps"], what + " has both 'python' and 'steps'",
            "an app runs either a Python program or steps");
  if (python) return;
  for (const char* key : {"argv", "stdin", "typing"})
    if (app[key].IsDefined())
      in.fail(app[key], "'" + std::string(key) + "' of " + what + " needs 'python'",
              "argv, stdin and typing feed a real Python program: python: FILE.py");
}

PythonProgram load_python_program(const YamlReader& in, const YamlNode& app,
                                  const std::string& what) {
  PythonProgram p;
  const YamlNode file = app["python"];
  p.file = in.scalar(file, "python");
  const PythonSupport* support = python_support();
  if (support == nullptr) {
    for (const auto& entry : app) {  // at the key, as every key this build lacks
      if (entry.first.Scalar() != "python") continue;
      if (!python_load_error().empty())
        in.fail(entry.first, "'python' needs netsim's Python plug-in, which did not load: " + python_load_error(),
                "install netsim whole (cmake --install, or the Debian package): the plug-in holds the interpreter");
      in.fail(entry.first, "'python' is in the scenario format but not built in this version of netsim",
              "this binary has no Python interpreter: the netsim command runs real Python programs");
    }
  }
  const std::filesystem::path folder = std::filesystem::path(in.file()).parent_path();
  p.folder = folder.empty() ? "." : folder.string();
  p.path = std::filesystem::path(p.file).is_absolute() ? p.file : (folder / p.file).string();
  std::ifstream stream(p.path, std::ios::binary);
  std::error_code ec;
  if (!stream || std::filesystem::is_directory(p.path, ec))
    in.fail(file, "cannot read the Python program " + scenario::quoted(p.path),
            "a path relative to the scenario file's folder");
  std::ostringstream text;
  text << stream.rdbuf();
  p.source = text.str();
  if (const YamlNode n = app["argv"]; n.IsDefined()) p.argv = string_list(in, n, "argv of " + what);
  if (const YamlNode n = app["stdin"]; n.IsDefined())
    p.stdin_lines = string_list(in, n, "stdin of " + what);
  if (const YamlNode n = app["typing"]; n.IsDefined()) p.typing = in.duration(n, "typing");
  if (const std::optional<PythonCompileError> e = support->compile(p))
    throw ScenarioError(p.path, {e->line, e->col}, e->message, "the program must compile");
  return p;
}

}  // namespace netsim::scenario
