// Expressions as an app evaluates them: literals, operators, builtins and
// methods, with Python's results and Python's errors.
#include <catch2/catch.hpp>

#include "tests/unit/lang/fake_services.h"

namespace {

using netsim::lang::AppStatus;
using netsim::lang::Value;
using netsim::lang::test::RunApp;

// The value of `x = EXPR` after the app ran.
Value eval(const std::string& expr) {
  RunApp r(std::vector<std::string>{"x = " + expr});
  INFO(expr << " -> " << r.app->error_name() << ": " << r.app->error_message());
  REQUIRE(r.app->status() == AppStatus::Finished);
  return r.var("x");
}

std::string repr(const std::string& expr) { return eval(expr).repr(); }

// "ErrorName: message" of evaluating EXPR.
std::string error(const std::string& expr) {
  RunApp r(std::vector<std::string>{"x = " + expr});
  REQUIRE(r.app->status() == AppStatus::Failed);
  return r.app->error_name() + ": " + r.app->error_message();
}

}  // namespace

TEST_CASE("literals") {
  CHECK(repr("42") == "42");
  CHECK(repr("0x1f") == "31");
  CHECK(repr("1_000") == "1000");
  CHECK(repr("1.5") == "1.5");
  CHECK(repr(".5") == "0.5");
  CHECK(repr("1e3") == "1000.0");
  CHECK(repr("True") == "True");
  CHECK(repr("None") == "None");
  CHECK(repr("'single'") == "'single'");
  CHECK(repr("\"a\\tb\\n\"") == "'a\\tb\\n'");
  CHECK(repr("\"\\x41\\u00e9\\U0001F600\"") == "'Aé😀'");
  CHECK(repr("b\"\\x00\\xff\"") == "b'\\x00\\xff'");
  CHECK(repr("b'it\\'s'") == "b\"it's\"");
  CHECK(repr("r\"a\\nb\"") == "'a\\\\nb'");
  CHECK(repr("\"ab\" 'cd'") == "'abcd'");
  CHECK(repr("(\"\", 9000)") == "('', 9000)");
  CHECK(repr("(1,)") == "(1,)");
  CHECK(repr("()") == "()");
  CHECK(repr("[1, \"a\", b\"b\"]") == "[1, 'a', b'b']");
  CHECK(repr("1, 2") == "(1, 2)");
  CHECK(repr("AF_INET, SOCK_STREAM, SOCK_DGRAM, SHUT_RD, SHUT_WR, SHUT_RDWR") ==
        "(2, 1, 2, 0, 1, 2)");
}

TEST_CASE("str and bytes operations") {
  CHECK(repr("\"ab\" + \"cd\"") == "'abcd'");
  CHECK(repr("b\"got \" + b\"x\"") == "b'got x'");
  CHECK(repr("b\"x\" * 3") == "b'xxx'");
  CHECK(repr("3 * \"ab\"") == "'ababab'");
  CHECK(repr("len(b\"B\" * 100000)") == "100000");
  CHECK(repr("len(\"我\".encode(\"utf-8\"))") == "3");
  CHECK(repr("\"我是客户端\".encode(\"utf-8\").decode(\"utf-8\")") == "'我是客户端'");
  CHECK(repr("len(\"我是\")") == "2");
  CHECK(repr("\"abc\".encode()") == "b'abc'");
  CHECK(repr("b\"hello\".upper()") == "b'HELLO'");
  CHECK(repr("\"Hello\".lower()") == "'hello'");
  CHECK(repr("\"  hi \\n\".strip()") == "'hi'");
  CHECK(repr("b\"a,b,,c\".split(b\",\")") == "[b'a', b'b', b'', b'c']");
  CHECK(repr("\" a  b \".split()") == "['a', 'b']");
  CHECK(repr("\"hello\".startswith(\"he\")") == "True");
  CHECK(repr("b\"hello\".endswith(b\"lo\")") == "True");
  CHECK(repr("\"数据abc\".find(\"a\")") == "2");
  CHECK(repr("\"aXbX\".replace(\"X\", \"-\")") == "'a-b-'");
  CHECK(repr("\"é\".encode(\"latin-1\")") == "b'\\xe9'");
  CHECK(repr("b\"\\xe9\".decode(\"latin-1\")") == "'é'");
  CHECK(repr("b\"a\\xffb\".decode(\"utf-8\", \"replace\")") == "'a\uFFFDb'");
  CHECK(repr("b\"a\\xffb\".decode(\"utf-8\", \"ignore\")") == "'ab'");
  CHECK(repr("\"ell\" in \"hello\"") == "True");
  CHECK(repr("104 in b\"hi\"") == "True");
  CHECK(repr("\"hello\"[1]") == "'e'");
  CHECK(repr("\"数据\"[-1]") == "'据'");
  CHECK(repr("b\"AB\"[0]") == "65");
  CHECK(repr("b\"hello\"[1:3]") == "b'el'");
  CHECK(repr("\"hello\"[:-1]") == "'hell'");
  CHECK(repr("\"hello\"[3:]") == "'lo'");
  CHECK(repr("b\"hi\" == \"hi\"") == "False");
}

TEST_CASE("numbers and comparisons") {
  CHECK(repr("7 // 2") == "3");
  CHECK(repr("-7 // 2") == "-4");
  CHECK(repr("-7 % 3") == "2");
  CHECK(repr("7 % -3") == "-2");
  CHECK(repr("1 / 2") == "0.5");
  CHECK(repr("2 + 3 * 4") == "14");
  CHECK(repr("(2 + 3) * 4") == "20");
  CHECK(repr("-2 * 3") == "-6");
  CHECK(repr("1 + 0.5") == "1.5");
  CHECK(repr("True + 1") == "2");
  CHECK(repr("7.5 // 2") == "3.0");
  CHECK(repr("1 < 2 < 3") == "True");
  CHECK(repr("1 < 3 < 2") == "False");
  CHECK(repr("1 == 1.0") == "True");
  CHECK(repr("\"a\" < \"b\"") == "True");
  CHECK(repr("(1, 2) < (1, 3)") == "True");
  CHECK(repr("3 != 4") == "True");
  CHECK(repr("None is None") == "True");
  CHECK(repr("1 is not None") == "True");
  CHECK(repr("2 not in (1, 3)") == "True");
}

TEST_CASE("not, and, or") {
  CHECK(repr("not b\"\"") == "True");
  CHECK(repr("not 1 == 2") == "True");
  CHECK(repr("0 and 1 / 0") == "0");  // short-circuit: the division never runs
  CHECK(repr("1 or 1 / 0") == "1");
  CHECK(repr("b\"\" or b\"none\"") == "b'none'");
  CHECK(repr("1 and \"yes\"") == "'yes'");
  CHECK(repr("not 0 and 2") == "2");
  CHECK(repr("1 == 1 and 2 == 3 or 4") == "4");
}

TEST_CASE("conversions") {
  CHECK(repr("str(12)") == "'12'");
  CHECK(repr("str(b\"ab\")") == "\"b'ab'\"");
  CHECK(repr("str(b\"ab\", \"utf-8\")") == "'ab'");
  CHECK(repr("int(\" 42 \")") == "42");
  CHECK(repr("int(b\"-7\")") == "-7");
  CHECK(repr("int(3.9)") == "3");
  CHECK(repr("float(\"1.5\")") == "1.5");
  CHECK(repr("float(2)") == "2.0");
  CHECK(repr("bytes(3)") == "b'\\x00\\x00\\x00'");
  CHECK(repr("bytes(\"hé\", \"utf-8\")") == "b'h\\xc3\\xa9'");
  CHECK(repr("bytes([104, 105])") == "b'hi'");
  CHECK(repr("len((1, 2, 3))") == "3");
  CHECK(repr("socket.AF_INET") == "2");
  CHECK(repr("socket.gethostbyname(\"10.1.2.3\")") == "'10.1.2.3'");
}

TEST_CASE("Python's errors") {
  CHECK(error("1 / 0") == "ZeroDivisionError: division by zero");
  CHECK(error("1 // 0") == "ZeroDivisionError: integer division or modulo by zero");
  CHECK(error("\"a\" + 1") == "TypeError: can only concatenate str (not \"int\") to str");
  CHECK(error("b\"a\" + \"b\"") == "TypeError: can't concat str to bytes");
  CHECK(error("1 - \"a\"") == "TypeError: unsupported operand type(s) for -: 'int' and 'str'");
  CHECK(error("1 < \"a\"") == "TypeError: '<' not supported between instances of 'int' and 'str'");
  CHECK(error("(1, 2)[5]") == "IndexError: tuple index out of range");
  CHECK(error("(1, 2)[\"a\"]") == "TypeError: tuple indices must be integers or slices, not 'str'");
  CHECK(error("5[0]") == "TypeError: 'int' object is not subscriptable");
  CHECK(error("nothing + 1") == "NameError: name 'nothing' is not defined");
  CHECK(
      error("b\"\\xff\".decode(\"utf-8\")") ==
      "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  CHECK(error("\"我\".encode(\"ascii\")") ==
        "UnicodeEncodeError: 'ascii' codec can't encode character '\\u6211' in position 0: ordinal "
        "not in range(128)");
  CHECK(error("\"x\".encode(\"utf-99\")") == "LookupError: unknown encoding: utf-99");
  CHECK(error("int(\"abc\")") == "ValueError: invalid literal for int() with base 10: 'abc'");
  CHECK(error("len(5)") == "TypeError: object of type 'int' has no len()");
  CHECK(error("\"x\".decode()") == "AttributeError: 'str' object has no attribute 'decode'");
  CHECK(error("(1).upper()") == "AttributeError: 'int' object has no attribute 'upper'");
  CHECK(error("9223372036854775807 + 1") ==
        "OverflowError: integer overflow (netsim ints are 64-bit)");
  // The fake node has no sockets (real ones: tests/unit/scenario/socket_apps_test.cpp).
  CHECK(error("socket()") == "OSError: [Errno 97] Address family not supported by protocol");
  CHECK(error("socket(AF_INET, 3)") == "OSError: [Errno 94] Socket type not supported");
}

TEST_CASE("assignment forms") {
  RunApp r(std::vector<std::string>{
      "import socket",
      "from time import sleep",
      "a, b = (\"192.168.1.10\", 7788)",
      "c, = [5]",
      "x, y = b\"hi\"",
      "n = 1",
      "n += 2",
      "n *= 10",
      "s = \"a\"",
      "s += \"b\"",
  });
  REQUIRE(r.app->status() == AppStatus::Finished);
  CHECK(r.var("a").repr() == "'192.168.1.10'");
  CHECK(r.var("b").repr() == "7788");
  CHECK(r.var("c").repr() == "5");
  CHECK(r.var("y").repr() == "105");
  CHECK(r.var("n").repr() == "30");
  CHECK(r.var("s").repr() == "'ab'");

  RunApp bad(std::vector<std::string>{"a, b = (1, 2, 3)"});
  CHECK(bad.app->error_name() == "ValueError");
  CHECK(bad.app->error_message() == "too many values to unpack (expected 2)");
  RunApp bad2(std::vector<std::string>{"a, b = 1"});
  CHECK(bad2.app->error_message() == "cannot unpack non-iterable int object");
}
