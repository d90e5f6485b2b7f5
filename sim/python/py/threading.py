"""netsim's threading module: a Thread is a simulated thread of its app (a
task of the program's process), and Lock, RLock, Condition, Semaphore and
Event park tasks in simulated time. Only one task runs at a time; a woken
task resumes from a zero-delay event of the simulator's queue."""
import _netsim_rt as _rt

TIMEOUT_MAX = 9223372036.0
ThreadError = RuntimeError


def _deadline(blocking, timeout):
    if not blocking:
        if timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        return 0
    if timeout is None or timeout == -1:
        return None
    if timeout < 0:
        raise ValueError("timeout value must be a non-negative number")
    return _rt.deadline_after(timeout)


class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = []

    def acquire(self, blocking=True, timeout=-1):
        deadline = _deadline(blocking, timeout)
        while self._locked:
            if deadline == 0 or _rt.wait_on(self._waiters, deadline) == "timeout":
                if self._locked:
                    return False
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        _rt.notify(self._waiters)

    def locked(self):
        return self._locked

    __enter__ = acquire

    def __exit__(self, *args):
        self.release()


class RLock:
    def __init__(self):
        self._lock = Lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = _rt.current_task()
        if self._owner is me:
            self._count += 1
            return True
        if not self._lock.acquire(blocking, timeout):
            return False
        self._owner, self._count = me, 1
        return True

    def release(self):
        if self._owner is not _rt.current_task():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._lock.release()

    __enter__ = acquire

    def __exit__(self, *args):
        self.release()

    # Condition's protocol: drop every level while waiting, take them back after.
    def _release_save(self):
        state = (self._owner, self._count)
        self._owner, self._count = None, 0
        self._lock.release()
        return state

    def _acquire_restore(self, state):
        self._lock.acquire()
        self._owner, self._count = state

    def _is_owned(self):
        return self._owner is _rt.current_task()


class Condition:
    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self.acquire = self._lock.acquire
        self.release = self._lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _save(self):
        if hasattr(self._lock, "_release_save"):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _restore(self, state):
        if hasattr(self._lock, "_acquire_restore"):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def _is_owned(self):
        if hasattr(self._lock, "_is_owned"):
            return self._lock._is_owned()
        return self._lock.locked()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        state = self._save()
        try:
            return _rt.wait_on(self._waiters, _rt.deadline_after(timeout)) != "timeout"
        finally:
            self._restore(state)

    def wait_for(self, predicate, timeout=None):
        deadline = _rt.deadline_after(timeout)
        result = predicate()
        while not result:
            if deadline is not None:
                left = (deadline - _rt.now_ns()) / 1e9
                if left <= 0:
                    break
                self.wait(left)
            else:
                self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        _rt.notify(self._waiters, n)

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            if not blocking:
                if self._value == 0:
                    return False
            elif not self._cond.wait_for(lambda: self._value > 0, timeout):
                return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, *args):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        if self._value + n > self._initial:
            raise ValueError("Semaphore released too many times")
        super().release(n)


class Event:
    def __init__(self):
        self._flag = False
        self._waiters = []

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        self._flag = True
        _rt.notify(self._waiters, len(self._waiters))

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        if not self._flag:
            _rt.wait_on(self._waiters, _rt.deadline_after(timeout))
        return self._flag


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        proc = _rt.current_process()
        proc.thread_count += 1
        if name is None:
            name = "Thread-%d" % proc.thread_count
            if target is not None and hasattr(target, "__name__"):
                name += " (%s)" % target.__name__
        self._name = str(name)
        self._target, self._args, self._kwargs = target, args, kwargs or {}
        self._daemonic = current_thread().daemon if daemon is None else bool(daemon)
        self._ident = None
        self._started = False
        self._ended = False
        self._joiners = []
        self._proc = proc

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._ident = 1000 + self._proc.thread_count
        self._proc.spawn(self)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _netsim_ended(self):
        self._ended = True
        _rt.notify(self._joiners, len(self._joiners))

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        deadline = _rt.deadline_after(timeout)
        while not self._ended:
            if _rt.wait_on(self._joiners, deadline) == "timeout":
                return

    def is_alive(self):
        return self._started and not self._ended

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)

    @property
    def ident(self):
        return self._ident

    native_id = ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, value):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(value)

    def isDaemon(self):
        return self._daemonic

    def setDaemon(self, value):
        self.daemon = value

    def getName(self):
        return self._name

    def setName(self, value):
        self.name = value

    def __repr__(self):
        state = "started" if self.is_alive() else ("stopped" if self._ended else "initial")
        if self._daemonic:
            state += " daemon"
        if self._ident is not None:
            state += " %d" % self._ident
        return "<%s(%s, %s)>" % (type(self).__name__, self._name, state)


class _MainThread(Thread):
    def __init__(self, proc):
        self._name = "MainThread"
        self._daemonic = False
        self._ident = 1000
        self._started = True
        self._ended = False
        self._joiners = []
        self._proc = proc

    def is_alive(self):
        return not self._proc.main_done


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        super().__init__()
        self.interval, self.function = interval, function
        self.args, self.kwargs = args or [], kwargs or {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


def main_thread():
    proc = _rt.current_process()
    if proc.main_thread is None:
        proc.main_thread = _MainThread(proc)
    return proc.main_thread


def current_thread():
    task = _rt.current_task()
    return task.thread if task.thread is not None else main_thread()


currentThread = current_thread


def get_ident():
    return current_thread().ident


get_native_id = get_ident


def enumerate():
    return [main_thread()] + list(_rt.current_process().threads)


def active_count():
    return len(enumerate())


activeCount = active_count


def excepthook(args):
    pass


def settrace(func):
    pass


def setprofile(func):
    pass


def stack_size(size=0):
    return 0
