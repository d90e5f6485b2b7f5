// netsim's Python modules (sim/python/py/*.py), compiled into the binary by
// sim/python/embed_shims.cmake so that netsim needs no file beside it.
#pragma once
#include <string_view>
#include <vector>

namespace netsim::python {

struct Shim {
  std::string_view module;  // the file's name without .py: "socket", "_netsim_rt"
  std::string_view source;
};
const std::vector<Shim>& shims();

}  // namespace netsim::python
