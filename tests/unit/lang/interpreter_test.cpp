// App: control flow, try/except, threads, blocking calls in simulated time,
// and how an app ends.
#include <catch2/catch.hpp>

#include "tests/unit/lang/fake_services.h"

using netsim::milliseconds;
using netsim::seconds;
using netsim::Time;
using netsim::lang::AppStatus;
using netsim::lang::test::RunApp;

TEST_CASE("sleep advances simulated time and time() reads it") {
  RunApp r(R"(
- t0 = time()
- sleep(1.5)
- waited = time() - t0
)");
  CHECK(r.app->status() == AppStatus::Finished);
  CHECK(r.var("waited").as_float() == Approx(1.5));
  CHECK(r.services.sched.now() == milliseconds(1500));
  CHECK(r.services.statuses ==
        std::vector<std::string>{"0.000000000 app: running", "1.500000000 app: finished"});
}

TEST_CASE("an app is running while it sleeps") {
  RunApp r("- sleep(2)\n- done = True\n", false);
  r.services.run_until(seconds(1));
  CHECK(r.app->status() == AppStatus::Running);
  CHECK(r.app->variable("done") == nullptr);
  CHECK_FALSE(r.app->waiting_without_timeout());
  r.services.run_until_idle();
  CHECK(r.app->status() == AppStatus::Finished);
  CHECK(r.var("done").as_bool());
}

TEST_CASE("ping and traceroute resolve the host, then report") {
  RunApp r(R"(
- replies = ping("192.168.2.20", 3)
- lost = ping("www.jd.com")
- hops = traceroute("192.168.2.20")
- ip = gethostbyname("www.jd.com")
)",
           false);
  r.services.names["www.jd.com"] = *netsim::wire::Ipv4Address::parse("203.0.113.80");
  r.services.ping_lost = 1;
  r.services.run_until_idle();
  REQUIRE(r.app->status() == AppStatus::Finished);
  CHECK(r.var("replies").repr() == "2");
  CHECK(r.var("lost").repr() == "3");  // default count 4, one lost
  CHECK(r.services.ping_log == std::vector<std::string>{"192.168.2.20 3", "203.0.113.80 4"});
  CHECK(r.var("hops").repr() == "['192.168.1.1', '*', '10.0.0.2']");
  CHECK(r.var("ip").repr() == "'203.0.113.80'");
  // 3 s + 10 ms resolve + 4 s + 3 s of traceroute + 10 ms resolve
  CHECK(r.services.sched.now() == milliseconds(10020));
}

TEST_CASE("a name that does not resolve raises gaierror") {
  RunApp r("- n = ping(\"nowhere.example\", 1)\n");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "gaierror");
  CHECK(r.app->error_message() == "[Errno -2] Name or service not known");
  CHECK(r.app->error_loc().line == 1);
  CHECK(r.app->error_loc().col == 7);
  CHECK(r.services.statuses.back() == "0.010000000 app: failed gaierror");
  CHECK(
      r.services.lines.back() ==
      "0.010000000 app: Traceback (test.yaml:1:7): gaierror: [Errno -2] Name or service not known");
}

TEST_CASE("calls done before a step blocks are not repeated when it resumes") {
  RunApp r(R"(
- print("a", sleep(1), "b", time())
- n = len(str(ping("10.0.0.1", 2))) + len(str(ping("10.0.0.2", 1)))
)");
  CHECK(r.services.lines == std::vector<std::string>{"1.000000000 app: a None b 1.0"});
  CHECK(r.services.ping_log == std::vector<std::string>{"10.0.0.1 2", "10.0.0.2 1"});
  CHECK(r.var("n").repr() == "2");
  CHECK(r.services.sched.now() == seconds(4));
}

TEST_CASE("print joins str() of its arguments like Python") {
  RunApp r(R"(
- print("from server:", b"abc", 1.5, (1, "a"), None, "数据")
- print()
)");
  CHECK(r.services.lines ==
        std::vector<std::string>{"0.000000000 app: from server: b'abc' 1.5 (1, 'a') None 数据",
                                 "0.000000000 app: "});
}

TEST_CASE("while, break, continue, repeat, if/else") {
  RunApp r(R"(
- i = 0
- total = 0
- while: True
  do:
    - i = i + 1
    - "if i > 10: break"
    - "if i % 2 == 0: continue"
    - total = total + i
- count = 0
- repeat: 3
  do:
    - repeat: 2
      do: [count += 1]
- {repeat: 0, do: [never = True]}
- data = b""
- {if: not data, do: [empty = True], else: [empty = False]}
- {if: data, do: [other = 1], else: [other = 2]}
- {if: 1 == 2, do: [third = 1]}
- n = 0
- while: n < 5
  do: [n += 1]
)");
  REQUIRE(r.app->status() == AppStatus::Finished);
  CHECK(r.var("total").repr() == "25");  // 1+3+5+7+9
  CHECK(r.var("i").repr() == "11");
  CHECK(r.var("count").repr() == "6");
  CHECK(r.app->variable("never") == nullptr);
  CHECK(r.var("empty").repr() == "True");
  CHECK(r.var("other").repr() == "2");
  CHECK(r.app->variable("third") == nullptr);
  CHECK(r.var("n").repr() == "5");
}

TEST_CASE("a loop reading until no data: 'if not data: break'") {
  RunApp r(R"(
- chunks = [b"ab", b"cd", b""]
- k = 0
- got = b""
- while: True
  do:
    - data = chunks[k]
    - k += 1
    - "if not data: break"
    - got = got + data.upper()
)");
  CHECK(r.var("got").repr() == "b'ABCD'");
  CHECK(r.var("k").repr() == "3");
}

TEST_CASE("try/except catches by Python's subclass rule") {
  RunApp r(R"(
- try:
    - n = ping("no.such.name", 1)
  except:
    OSError:
      - caught = "OSError"
- try:
    - x = 1 / 0
  except:
    TimeoutError:
      - wrong = True
    ArithmeticError:
      - arithmetic = True
- try:
    - s = socket()
  except:
    ConnectionRefusedError:
      - wrong2 = True
    "TimeoutError, OSError":
      - sockets = "not yet"
- try:
    - y = undefined
  except:
    - bare = True
- try:
    - z = int("x")
  except:
    Exception:
      - any = True
- try:
    - try:
        - q = (1,)[3]
      except:
        TypeError: [wrong3 = True]
  except:
    LookupError: [outer = True]
- try:
    - fine = 1
  except:
    Exception: [wrong4 = True]
- after = True
)");
  REQUIRE(r.app->status() == AppStatus::Finished);
  CHECK(r.var("caught").repr() == "'OSError'");
  CHECK(r.var("arithmetic").as_bool());
  CHECK(r.var("sockets").repr() == "'not yet'");
  CHECK(r.var("bare").as_bool());
  CHECK(r.var("any").as_bool());
  CHECK(r.var("outer").as_bool());
  CHECK(r.var("fine").repr() == "1");
  CHECK(r.var("after").as_bool());
  for (const char* name : {"wrong", "wrong2", "wrong3", "wrong4"})
    CHECK(r.app->variable(name) == nullptr);
}

TEST_CASE("an error no handler matches ends the app as failed") {
  RunApp r(R"(
- try:
    - x = 1 / 0
  except:
    OSError: [wrong = True]
- never = True
)");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "ZeroDivisionError");
  CHECK(r.app->error_message() == "division by zero");
  CHECK(r.app->error_loc().line == 3);
  CHECK(r.app->error_loc().col == 13);  // at the '/'
  CHECK(r.app->variable("never") == nullptr);
  CHECK(r.services.statuses.back() == "0.000000000 app: failed ZeroDivisionError");
}

TEST_CASE("an error inside an except body propagates") {
  RunApp r(R"(
- try:
    - x = 1 / 0
  except:
    ZeroDivisionError: [y = nope]
)");
  CHECK(r.app->error_name() == "NameError");
  CHECK(r.app->error_message() == "name 'nope' is not defined");
}

TEST_CASE("threads run side by side with a copy of the variables") {
  RunApp r(R"(
- x = 1
- thread:
    - print("thread sees", x)
    - x = 2
    - sleep(2)
    - print("thread done", x)
- x = 10
- print("main", x)
- sleep(1)
- print("main done", x)
)",
           false);
  r.services.run_until(milliseconds(1500));
  CHECK(r.app->status() == AppStatus::Running);  // main ended at 1 s, the thread runs on
  r.services.run_until_idle();
  CHECK(r.app->status() == AppStatus::Finished);
  CHECK(r.services.lines == std::vector<std::string>{
                                "0.000000000 app: main 10",
                                "0.000000000 app: thread sees 1",
                                "1.000000000 app: main done 10",
                                "2.000000000 app: thread done 2",
                            });
  CHECK(r.var("x").repr() == "10");
  CHECK(r.services.statuses.back() == "2.000000000 app: finished");
}

TEST_CASE("a thread's uncaught error is printed and the app goes on") {
  RunApp r(R"(
- thread:
    - sleep(1)
    - x = b"a" + "b"
- sleep(2)
- ok = True
)");
  CHECK(r.app->status() == AppStatus::Finished);
  CHECK(r.var("ok").as_bool());
  CHECK(r.services.lines ==
        std::vector<std::string>{"1.000000000 app: Exception in thread Thread-1 (test.yaml:4:16): "
                                 "TypeError: can't concat str to bytes"});
}

TEST_CASE("a failing main task stops its threads") {
  RunApp r(R"(
- thread:
    - sleep(5)
    - print("never")
- x = undefined_name
)");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "NameError");
  CHECK(r.services.lines.size() == 1);       // the traceback only
  CHECK(r.services.sched.now() == Time{0});  // the thread's sleep was cancelled
}

TEST_CASE("a loop that never waits fails instead of hanging the run") {
  RunApp r("- {while: True, do: [x = 1]}\n");
  CHECK(r.app->status() == AppStatus::Failed);
  CHECK(r.app->error_name() == "RuntimeError");
}

TEST_CASE("bad arguments to blocking calls raise Python errors") {
  RunApp a("- sleep(-1)\n");
  CHECK(a.app->error_name() == "ValueError");
  CHECK(a.app->error_message() == "sleep length must be non-negative");
  RunApp b("- n = ping(5)\n");
  CHECK(b.app->error_name() == "TypeError");
  RunApp c("- h = traceroute(\"10.0.0.1\", 0)\n");
  CHECK(c.app->error_name() == "ValueError");
  RunApp d("- {repeat: '\"3\"', do: [pass]}\n");
  CHECK(d.app->error_name() == "TypeError");
  CHECK(d.app->error_message() == "'str' object cannot be interpreted as an integer");
  CHECK(d.app->error_loc().col == 13);  // the count's text, inside the quotes
}

TEST_CASE("status names") {
  using netsim::lang::to_string;
  CHECK(to_string(AppStatus::Waiting) == "waiting");
  CHECK(to_string(AppStatus::Running) == "running");
  CHECK(to_string(AppStatus::Finished) == "finished");
  CHECK(to_string(AppStatus::Failed) == "failed");
  RunApp r("- x = 1\n", false);
  CHECK(r.app->status() == AppStatus::Waiting);
  CHECK(r.app->variable("x") == nullptr);
}
