"""netsim's select module: select.select over the program's simulated sockets
(no poll or epoll, so the standard selectors module picks SelectSelector)."""
import _netsim_rt as _rt

error = OSError


def _socket_of(proc, obj):
    fd = obj if isinstance(obj, int) else obj.fileno()
    if not isinstance(fd, int):
        raise TypeError("fileno() returned a non-integer")
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    sock = proc.sockets.get(fd)
    if sock is None:
        raise OSError(9, "Bad file descriptor")
    return fd, sock


def _select(rlist, wlist, xlist, timeout=None):
    proc = _rt.current_process()
    if timeout is not None:
        if not isinstance(timeout, (int, float)):
            raise TypeError("timeout must be a float or None")
        if timeout < 0:
            raise ValueError("timeout must be non-negative")
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    readers = [(o,) + _socket_of(proc, o) for o in rlist]
    writers = [(o,) + _socket_of(proc, o) for o in wlist]
    for o in xlist:
        _socket_of(proc, o)
    deadline = _rt.deadline_after(timeout)
    while True:
        r = [o for o, fd, s in readers if s._netsim_readable()]
        w = [o for o, fd, s in writers if s._netsim_writable()]
        if r or w:
            return r, w, []
        if timeout == 0:
            _rt.spin(proc)
            return [], [], []
        fds = sorted({fd for _, fd, _ in readers + writers})
        if proc.wait_sockets(fds, deadline) == "timeout":
            return [], [], []


class _Builtin:
    """select.select as CPython has it, a builtin: stored as a class
    attribute (selectors.SelectSelector._select) it does not bind to self."""

    __slots__ = ()
    __name__ = __qualname__ = "select"
    __doc__ = _select.__doc__

    def __call__(self, rlist, wlist, xlist, timeout=None):
        return _select(rlist, wlist, xlist, timeout)


select = _Builtin()
