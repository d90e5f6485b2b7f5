// The calls that only compute (no network, no time): len, bytes, str, int,
// float, and the methods of str and bytes, with Python's codecs (utf-8,
// ascii, latin-1) and error handlers (strict, ignore, replace).
#pragma once
#include <cstdint>
#include <span>

#include "sim/scenario/lang/builtins.h"
#include "sim/scenario/lang/value.h"

namespace netsim::lang {

// Len, Bytes, Str, Int, Float: the builtins call_conversion computes.
bool is_conversion(Builtin id);

// `id` is a conversion; the argument count is already checked against the
// builtin's signature. Errors are thrown as PyError.
Value call_conversion(Builtin id, std::span<const Value> args);

// An argument that must be an int (bool counts), as Python's __index__ asks;
// otherwise TypeError "'str' object cannot be interpreted as an integer".
int64_t integer_argument(const Value& v);

// A method of str or bytes; the receiver has the method (has_method()).
Value call_text_method(Method id, const Value& receiver, std::span<const Value> args);

}  // namespace netsim::lang
