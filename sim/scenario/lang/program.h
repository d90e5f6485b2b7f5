// PLACEHOLDER until the app-language module lands: the parsed program of an app.
#pragma once
namespace netsim::lang {
struct Program {};
}  // namespace netsim::lang
