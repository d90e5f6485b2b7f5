// Value: construction, Python's truth, equality and repr().
#include "sim/scenario/lang/value.h"

#include <catch2/catch.hpp>

using netsim::lang::Value;
using netsim::lang::ValueKind;

TEST_CASE("repr follows Python") {
  CHECK(Value::none().repr() == "None");
  CHECK(Value::from_bool(true).repr() == "True");
  CHECK(Value::from_int(-42).repr() == "-42");
  CHECK(Value::str("x").repr() == "'x'");
  CHECK(Value::str("it's").repr() == "\"it's\"");
  CHECK(Value::str("a\nb\\").repr() == "'a\\nb\\\\'");
  CHECK(Value::str("数据").repr() == "'数据'");
  CHECK(Value::bytes("abc").repr() == "b'abc'");
  CHECK(Value::bytes(std::string("\x00\xff\t'", 4)).repr() == "b\"\\x00\\xff\\t'\"");
  CHECK(Value::tuple({Value::str("1.2.3.4"), Value::from_int(80)}).repr() == "('1.2.3.4', 80)");
  CHECK(Value::tuple({Value::from_int(1)}).repr() == "(1,)");
  CHECK(Value::list({Value::from_int(1), Value::from_int(2)}).repr() == "[1, 2]");
  CHECK(Value::str("s").to_str() == "s");
  CHECK(Value::bytes("s").to_str() == "b's'");
  CHECK(Value::socket(3).kind() == ValueKind::Socket);
  CHECK(Value::socket(3).socket_handle() == 3);
}

TEST_CASE("floats print like Python's repr") {
  using netsim::lang::float_repr;
  CHECK(float_repr(1.5) == "1.5");
  CHECK(float_repr(100.0) == "100.0");
  CHECK(float_repr(100000.0) == "100000.0");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(1e-05) == "1e-05");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1234567890123456.0) == "1234567890123456.0");
  CHECK(float_repr(-2.5e-7) == "-2.5e-07");
  CHECK(float_repr(0.0) == "0.0");
  CHECK(float_repr(1.0 / 0.0) == "inf");
}

TEST_CASE("truth and equality follow Python") {
  CHECK_FALSE(Value::none().truthy());
  CHECK_FALSE(Value::bytes("").truthy());
  CHECK(Value::bytes("x").truthy());
  CHECK_FALSE(Value::from_int(0).truthy());
  CHECK_FALSE(Value::tuple({}).truthy());
  CHECK(Value::from_int(1) == Value::from_float(1.0));
  CHECK(Value::from_bool(true) == Value::from_int(1));
  CHECK_FALSE(Value::str("a") == Value::bytes("a"));
  CHECK_FALSE(Value::tuple({Value::from_int(1)}) == Value::list({Value::from_int(1)}));
  CHECK(Value::tuple({Value::str("a"), Value::from_int(1)}) ==
        Value::tuple({Value::str("a"), Value::from_float(1.0)}));
  CHECK(Value::from_int(3).type_name() == "int");
  CHECK(Value::bytes("").type_name() == "bytes");
  CHECK(Value::none().type_name() == "NoneType");
}
