#include "sim/scenario/python_support.h"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <utility>

namespace netsim::scenario {
namespace {

std::optional<PythonSupport>& installed() {
  static std::optional<PythonSupport> support;
  return support;
}

std::string (*loader)() = nullptr;
std::string load_error;

}  // namespace

void install_python(const PythonSupport& support) { installed() = support; }

void set_python_loader(std::string (*load)()) { loader = load; }

const PythonSupport* python_support() {
  if (!installed() && loader != nullptr) {
    load_error = std::exchange(loader, nullptr)();
  }
  return installed() ? &*installed() : nullptr;
}

const std::string& python_load_error() { return load_error; }

bool interrupt_python_programs() {
  // From the run's watch thread: only an interpreter already loaded can be running a program.
  const PythonSupport* support = installed() ? &*installed() : nullptr;
  return support != nullptr && support->interrupt != nullptr && support->interrupt();
}

ScratchFolder::~ScratchFolder() {
  if (keep_ || path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

const std::string& ScratchFolder::path() {
  if (!path_.empty()) {
    if (keep_) std::filesystem::create_directories(path_);
    return path_;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "netsim-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a scratch folder");
  path_ = pattern;
  return path_;
}

}  // namespace netsim::scenario
