"""netsim's time module: the real one, except that time, monotonic,
perf_counter and sleep tell and take simulated time (seconds since the run
began)."""
from _netsim_rt import _real_time

globals().update({k: v for k, v in vars(_real_time).items() if not k.startswith("__")})
from _netsim_rt import now_ns as _now_ns, sleep  # noqa: E402 (after the real module's names)


def time_ns():
    return _now_ns()


def time():
    return _now_ns() / 1e9


monotonic_ns = perf_counter_ns = time_ns
monotonic = perf_counter = time
