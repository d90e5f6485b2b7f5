#include "sim/scenario/python_support.h"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>

namespace netsim::scenario {
namespace {

std::optional<PythonSupport>& installed() {
  static std::optional<PythonSupport> support;
  return support;
}

}  // namespace

void install_python(const PythonSupport& support) { installed() = support; }

const PythonSupport* python_support() { return installed() ? &*installed() : nullptr; }

bool interrupt_python_programs() {
  const PythonSupport* support = python_support();
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
