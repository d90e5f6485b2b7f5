#include "sim/cli/plugins.h"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

#include "sim/cli/options.h"
#include "sim/scenario/python_support.h"

#ifndef NETSIM_PLUGIN_RELDIR
#define NETSIM_PLUGIN_RELDIR "../lib/netsim"
#endif

namespace netsim::cli {
namespace {

std::filesystem::path binary_folder() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(".") : self.parent_path();
}

std::string load_python() {
  std::string error;
  void* plugin = open_plugin("netsim-python.so", error);
  if (plugin == nullptr) return error;
  auto install = reinterpret_cast<void (*)()>(dlsym(plugin, "netsim_python_plugin_install"));
  if (install == nullptr) return "netsim-python.so has no netsim_python_plugin_install: " + std::string(dlerror());
  install();
  return {};
}

}  // namespace

void* open_plugin(const std::string& file, std::string& error) {
  const std::filesystem::path folder = binary_folder();
  // The build tree keeps plug-ins beside the binary; `cmake --install` and the
  // Debian package put them in LIBDIR/netsim, NETSIM_PLUGIN_RELDIR from BINDIR.
  for (const std::filesystem::path& path : {folder / file, folder / NETSIM_PLUGIN_RELDIR / file}) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL)) return handle;
    error = dlerror();
    return nullptr;
  }
  error = file + " is neither in " + folder.string() + " nor in " +
          (folder / NETSIM_PLUGIN_RELDIR).lexically_normal().string();
  return nullptr;
}

void* plugin_function(const std::string& file, const char* symbol, const std::string& needed_for,
                      const std::string& advice) {
  std::string error;
  void* plugin = open_plugin(file, error);
  void* function = plugin != nullptr ? dlsym(plugin, symbol) : nullptr;
  if (function == nullptr) {
    if (plugin != nullptr) error = dlerror();
    throw UsageError{needed_for + " needs netsim's plug-in " + file + ", which did not load (" + error + "): " + advice};
  }
  return function;
}

void install_python_plugin() { scenario::set_python_loader(&load_python); }

}  // namespace netsim::cli
