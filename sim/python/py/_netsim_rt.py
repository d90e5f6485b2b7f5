"""netsim's runtime for real Python programs.

Each app's program is a Process; the program and each of its threads run in
a greenlet (a Task) whose parent is the simulator's own greenlet, the hub. A
call that would block parks its task: it switches back to the hub, and the
simulator switches in again when the socket's waker, a timer or another task
wakes it, always from an event of the simulator's queue. Only one task runs at
a time and every switch is an event, so a run is deterministic.
"""
import builtins
import linecache
import os
import random as _random
import sys
import time as _real_time
import traceback

import greenlet

_hub = greenlet.getcurrent()
_real_open = builtins.open
_real_input = builtins.input
_real_stat = os.stat
_real_listdir = os.listdir
graveyard = []  # processes whose app is gone (embedded_python.h: retire_process)


class Task(greenlet.greenlet):
    """One line of execution of a program: its main line or a thread."""

    def __init__(self, proc, run, thread=None):
        super().__init__(lambda *_: run(), _hub)  # the first switch's value is not an argument
        self.proc = proc
        self.thread = thread  # the threading.Thread, None for the main line
        self.wait_id = 0
        self.parked = False


def task_or_none():
    g = greenlet.getcurrent()
    return g if isinstance(g, Task) else None


def current_task():
    t = task_or_none()
    if t is None:
        raise RuntimeError("netsim: this call needs a running simulated program")
    return t


def current_process():
    return current_task().proc


# Calls that ask the simulation something without ever waiting (time.time(),
# a non-blocking recv that would block, select with timeout 0). Simulated time
# cannot advance while a program runs, so a loop of them waiting for time to
# pass or data to come would hang the whole run: past this many in a row,
# the call raises RuntimeError instead, as the step language does.
MAX_CALLS_WITHOUT_WAITING = 1_000_000


def spin(proc):
    proc.spins += 1
    if proc.spins > MAX_CALLS_WITHOUT_WAITING:
        proc.spins = 0
        raise RuntimeError("busy loop: %d calls without waiting, so simulated time cannot advance"
                           % MAX_CALLS_WITHOUT_WAITING)


def park(deadline=None, register=None):
    """Suspends the calling task until it is woken: returns 'ready' or
    'timeout' (the deadline, simulated ns, passed). `register(task, wait_id)`
    tells the waker whom to wake."""
    t = current_task()
    t.wait_id += 1
    wid = t.wait_id
    t.parked = True
    proc = t.proc
    proc.spins = 0
    if register is not None:
        register(t, wid)
    timer = None
    if deadline is not None:
        timer = proc.call_at(deadline, lambda: proc.wake(t, wid, "timeout"))
    why = _hub.switch()
    if timer is not None and why != "timeout":
        proc.cancel(timer)
    return why


def wait_on(queue, deadline=None):
    """Parks on a wait queue (a list of (task, wait_id)) until notify_*."""
    entry = []

    def register(t, wid):
        entry.append((t, wid))
        queue.append(entry[0])

    why = park(deadline, register)
    if entry and entry[0] in queue:
        queue.remove(entry[0])
    return why


def notify(queue, n=1):
    """Wakes up to n tasks parked on `queue`, each from a zero-delay event."""
    woken = 0
    while queue and woken < n:
        t, wid = queue.pop(0)
        if t.parked and t.wait_id == wid:
            t.proc.wake_soon(t, wid)
            woken += 1


def deadline_after(seconds):
    """The simulated time (ns) `seconds` from now; None for None."""
    if seconds is None:
        return None
    return current_process().k.now() + round(seconds * 1e9)


def sleep(seconds):
    if not isinstance(seconds, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(seconds).__name__)
    if seconds != seconds:
        raise ValueError("Invalid value NaN (not a number)")
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    park(deadline_after(seconds))


def spend_call_time():
    """After a system call (socket(), a socket method, print): the program
    goes on the node's call_time later, as a step app does
    (AppServices::call_time; 0, the default, costs nothing)."""
    t = task_or_none()
    if t is not None and t.proc.call_ns:
        park(t.proc.k.now() + t.proc.call_ns)


def system_call(method):
    """A socket method that is one system call: it pays spend_call_time()
    when it returns (not when it raises, as in the step language)."""
    def call(*args, **kwargs):
        result = method(*args, **kwargs)
        spend_call_time()
        return result
    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


def now_ns():
    t = task_or_none()
    if t is None:
        return 0
    spin(t.proc)
    return t.proc.k.now()


class Process:
    """One app's program: its namespace, input lines, output, timers, tasks."""

    def __init__(self, kernel, path, folder, scratch, argv, stdin, typing_ns, seed):
        self.k = kernel
        self.path = path
        self.folder = folder
        self.scratch = scratch
        self.argv = [path] + list(argv)
        self.stdin = list(stdin)
        self.typing_ns = typing_ns
        self.rng = _random.Random(seed)
        self.globals = {"__name__": "__main__", "__file__": path, "__builtins__": builtins,
                        "__doc__": None, "__package__": None, "__spec__": None,
                        "__loader__": None}
        self.timers = {}  # token -> callable
        self.next_token = 0
        self.socket_waiters = {}  # fd -> [(task, wait_id)]
        self.sockets = {}  # fd -> socket object, for select()
        self.threads = []  # started, not ended
        self.tasks = set()  # the threads' tasks: a parked one is never collected
        self.thread_count = 0
        self.main_thread = None  # threading's _MainThread, made on first use
        self.main_done = False
        self.exited = False
        self.out = ""  # the printed line not yet ended
        self.error = None  # (class name, message) of the uncaught exception
        self.spins = 0  # calls since the last park (spin())
        self.default_timeout = None  # socket.setdefaulttimeout()
        self.call_ns = kernel.call_time()  # the node's cost per system call

    # ---- life ----
    def start(self, source):
        code = compile(source, self.path, "exec")
        # Tracebacks show the program's lines, whatever the working directory.
        text = source.decode("utf-8", "replace")
        linecache.cache[self.path] = (len(text), None, text.splitlines(True), self.path)
        self.main = Task(self, lambda: self._run_main(code))
        self.switch(self.main)

    def _run_main(self, code):
        try:
            exec(code, self.globals)
        except SystemExit as e:
            if e.code not in (None, 0):
                if not isinstance(e.code, int):
                    self.write(str(e.code) + "\n")
                self.error = ("SystemExit", str(e.code))
        except BaseException as e:  # the program's uncaught exception
            # The traceback starts in the program, not in this exec.
            self.write("".join(traceback.format_exception(type(e), e, e.__traceback__.tb_next)))
            self.error = (type(e).__name__, str(e))
        self.main_done = True
        self.maybe_exit()

    def run_thread(self, thread):
        try:
            thread.run()
        except SystemExit:
            pass
        except BaseException as e:
            self.write("Exception in thread %s:\n" % thread.name +
                       "".join(traceback.format_exception(e)))
        finally:
            thread._netsim_ended()
            self.threads.remove(thread)
            self.tasks.discard(greenlet.getcurrent())
            self.maybe_exit()

    def spawn(self, thread):
        t = Task(self, lambda: self.run_thread(thread), thread)
        self.threads.append(thread)
        self.tasks.add(t)
        self.call_at(self.k.now(), lambda: self.switch(t))
        return t

    def maybe_exit(self):
        """Python's exit: once the main line and every non-daemon thread have
        ended; daemon threads are dropped where they are parked."""
        if self.exited or not self.main_done:
            return
        if any(not th.daemon for th in self.threads):
            return
        if self.out:
            self.write("\n")
        self.exited = True
        for token in list(self.timers):
            self.cancel(token)
        name, message = self.error if self.error else ("", "")
        self.k.exit(name, message)

    # ---- switching (from the hub only) ----
    def switch(self, task, value=None):
        if self.exited or task.dead:
            return
        sys.argv = self.argv
        sys.path[0] = self.folder
        task.switch(value)

    def wake(self, task, wid, why):
        if task.parked and task.wait_id == wid:
            task.parked = False
            self.switch(task, why)

    def wake_soon(self, task, wid):
        self.call_at(self.k.now(), lambda: self.wake(task, wid, "ready"))

    # ---- timers: the kernel calls fire(token) at the time ----
    def call_at(self, when, fn):
        self.next_token += 1
        token = self.next_token
        self.timers[token] = fn
        self.k.call_at(when, token)
        return token

    def cancel(self, token):
        if self.timers.pop(token, None) is not None:
            self.k.cancel(token)

    def fire(self, token):
        fn = self.timers.pop(token, None)
        if fn is not None:
            fn()

    # ---- sockets: the kernel calls socket_ready(fd) when fd's waker fired ----
    def wait_sockets(self, fds, deadline):
        entries = []

        def register(t, wid):
            for fd in fds:
                self.socket_waiters.setdefault(fd, []).append((t, wid))
                self.k.arm(fd)
            entries.append((t, wid))

        why = park(deadline, register)
        for fd in fds:
            waiting = self.socket_waiters.get(fd)
            if waiting and entries[0] in waiting:
                waiting.remove(entries[0])
        return why

    def socket_ready(self, fd):
        for t, wid in self.socket_waiters.pop(fd, []):
            self.wake(t, wid, "ready")

    # ---- name resolution: the kernel calls resolved(token, ip) ----
    def resolve(self, name):
        result = []
        t = current_task()

        def register(task, wid):
            def done(ip):
                result.append(ip)
                self.wake(task, wid, "ready")
            self.next_token += 1
            self.timers[self.next_token] = done
            self.k.resolve(name, self.next_token)

        park(None, register)
        return result[0]

    def resolved(self, token, ip):
        fn = self.timers.pop(token, None)
        if fn is not None:
            fn(ip)

    # ---- output ----
    def write(self, text):
        self.out += text
        if "\n" in self.out:
            *lines, self.out = self.out.split("\n")
            for line in lines:
                self.k.output(line)


class _Output:
    """sys.stdout and sys.stderr: a program's lines go to the run's log."""

    def __init__(self, real):
        self._real = real

    def write(self, text):
        t = task_or_none()
        if t is None:
            return self._real.write(text)
        t.proc.write(str(text))
        return len(text)

    def flush(self):
        if task_or_none() is None:
            self._real.flush()

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"


_real_print = builtins.print


def _print(*args, **kwargs):
    """print() is a write system call: it pays the node's call_time."""
    _real_print(*args, **kwargs)
    spend_call_time()


def _input(prompt=""):
    t = task_or_none()
    if t is None:
        return _real_input(prompt)
    proc = t.proc
    if proc.typing_ns:
        park(proc.k.now() + proc.typing_ns)
    proc.write(str(prompt))
    if not proc.stdin:
        raise EOFError("EOF when reading a line")
    line = proc.stdin.pop(0)
    proc.write(line + "\n")  # as a terminal echoes what was typed
    return line


def _resolve_path(path, writing):
    """A program's relative path: what it wrote is in the run's scratch
    folder; what it reads comes from there if it wrote it, else from its
    working directory (the scenario file's folder)."""
    t = task_or_none()
    if t is None or isinstance(path, int):
        return path
    p = os.fspath(path)
    if isinstance(p, bytes) or os.path.isabs(p):
        return path
    scratch = os.path.join(t.proc.scratch, p)
    if writing:
        parent = os.path.dirname(scratch)
        if parent:
            os.makedirs(parent, exist_ok=True)
        return scratch
    if os.path.lexists(scratch):
        return scratch
    return os.path.join(t.proc.folder, p)


def _open(file, mode="r", *args, **kwargs):
    return _real_open(_resolve_path(file, any(c in mode for c in "wax+")), mode, *args, **kwargs)


def _stat(path, *args, **kwargs):
    return _real_stat(_resolve_path(path, False), *args, **kwargs)


def _listdir(path="."):
    return _real_listdir(_resolve_path(path, False))


def _per_process_random():
    """random's module functions draw from the running program's generator,
    seeded from the scenario's seed; Random() without a seed too."""
    def dispatch(name):
        def call(*args, **kwargs):
            t = task_or_none()
            inst = t.proc.rng if t is not None else _random._inst
            return getattr(inst, name)(*args, **kwargs)
        call.__name__ = name
        return call

    for name in ("random", "uniform", "triangular", "randint", "choice", "randrange", "sample",
                 "shuffle", "choices", "normalvariate", "lognormvariate", "expovariate",
                 "vonmisesvariate", "gammavariate", "gauss", "betavariate", "paretovariate",
                 "weibullvariate", "getstate", "setstate", "getrandbits", "randbytes", "seed"):
        setattr(_random, name, dispatch(name))

    real_init = _random.Random.__init__

    def init(self, x=None):
        if x is None and task_or_none() is not None:
            x = task_or_none().proc.rng.getrandbits(64)
        real_init(self, x)

    _random.Random.__init__ = init


def install():
    """Once per interpreter, before any program runs."""
    sys.stdout = _Output(sys.__stdout__)
    sys.stderr = _Output(sys.__stderr__)
    builtins.input = _input
    builtins.print = _print
    builtins.open = _open
    os.stat = _stat
    os.listdir = _listdir
    _per_process_random()
