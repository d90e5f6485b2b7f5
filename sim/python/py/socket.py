"""netsim's socket module: Python's API and exceptions over the simulated
node's socket table (the one the step language uses). A call that would
block parks the calling task on the socket until its waker fires, or its
timeout passes. Real network access is impossible: this is the only socket
module a program can import, and _socket is not importable."""
import enum
import io
import os

import _netsim_rt as _rt


class AddressFamily(enum.IntEnum):
    AF_UNSPEC = 0
    AF_UNIX = 1
    AF_INET = 2
    AF_INET6 = 10


class SocketKind(enum.IntEnum):
    SOCK_STREAM = 1
    SOCK_DGRAM = 2
    SOCK_RAW = 3


globals().update(AddressFamily.__members__)
globals().update(SocketKind.__members__)
IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP = 0, 6, 17
SOL_SOCKET, SOL_TCP, SOL_UDP = 1, 6, 17
SO_REUSEADDR, SO_TYPE, SO_ERROR, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF = 2, 3, 4, 6, 7, 8
SO_KEEPALIVE, SO_LINGER, SO_REUSEPORT = 9, 13, 15
TCP_NODELAY = 1
SHUT_RD, SHUT_WR, SHUT_RDWR = 0, 1, 2
SOMAXCONN = 4096
MSG_PEEK, MSG_DONTWAIT = 2, 64
INADDR_ANY, INADDR_BROADCAST = 0, 0xFFFFFFFF
EAI_NONAME = -2
has_ipv6 = False

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_GLOBAL_DEFAULT_TIMEOUT = object()
_EAGAIN, _EALREADY, _EINPROGRESS, _EBADF = 11, 114, 115, 9


def _raise(err):
    raise OSError(err, os.strerror(err))  # OSError picks the subclass: ConnectionRefusedError, ...


def getdefaulttimeout():
    return _rt.current_process().default_timeout  # one per program, as one per process


def _check_timeout(value):
    if value is None:
        return None
    if not isinstance(value, (int, float)):
        raise TypeError("Timeout value must be int, float or None")
    if value != value:
        raise ValueError("Invalid value NaN (not a number)")
    if value < 0:
        raise ValueError("Timeout value out of range")
    return float(value)


def setdefaulttimeout(value):
    _rt.current_process().default_timeout = _check_timeout(value)


def _host_ip(host):
    if not isinstance(host, str):
        if isinstance(host, (bytes, bytearray)):
            host = bytes(host).decode("idna")
        else:
            raise TypeError("str, bytes or bytearray expected, not %s" % type(host).__name__)
    if host == "":
        return "0.0.0.0"
    if host == "<broadcast>":
        return "255.255.255.255"
    parts = host.split(".")
    if len(parts) == 4 and all(p.isdigit() and len(p) <= 3 and int(p) < 256 for p in parts):
        return ".".join(str(int(p)) for p in parts)
    ip = _rt.current_process().resolve(host)
    if ip is None:
        raise gaierror(EAI_NONAME, "Name or service not known")
    return ip


def _address(address, caller):
    if not isinstance(address, tuple):
        raise TypeError("%s(): AF_INET address must be tuple, not %s" % (caller, type(address).__name__))
    if len(address) != 2:
        raise TypeError("AF_INET address must be a pair (host, port)")
    host, port = address
    if not isinstance(port, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(port).__name__)
    if not 0 <= port <= 65535:
        raise OverflowError("%s(): port must be 0-65535." % caller)
    return _host_ip(host), port


def _bytes(data):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(memoryview(data))


def _short(data):
    return repr(data if len(data) <= 40 else data[:40] + b"...")


class socket:
    """A simulated socket: fileno() is its handle in the node's socket table."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        self._proc = _rt.current_process()
        self._k = self._proc.k
        family = AF_INET if family == -1 else family
        type = SOCK_STREAM if type == -1 else type
        if family != AF_INET:
            raise OSError(97, "Address family not supported by protocol")
        if type not in (SOCK_STREAM, SOCK_DGRAM):
            raise OSError(94, "Socket type not supported")
        self.family = AddressFamily(family)
        self.type = SocketKind(type)
        self.proto = 0 if proto == -1 else proto
        opened = fileno is None
        if opened:
            fileno = self._k.open(type == SOCK_STREAM)
            if fileno < 0:
                _raise(-fileno)
        self._fd = fileno
        self._timeout = self._proc.default_timeout
        self._listening = False
        self._connected = False
        self._connecting = None  # the address a non-blocking connect is reaching
        self._pending = None  # what select() found readable: ("accept", conn), ("eof",), ("error", errno)
        self._options = {}
        self._proc.sockets[fileno] = self
        if opened:
            self._explain("socket(%s, %s)" % (self.family.name, self.type.name))
            _rt.spend_call_time()

    # ---- helpers ----
    def _explain(self, text):
        if self._k.explaining():
            self._k.explain("fd %d: %s" % (getattr(self, "_fd", -1), text))

    def _check(self):
        if self._fd < 0:
            _raise(_EBADF)

    def _deadline(self):
        return _rt.deadline_after(self._timeout)

    def _wait(self, deadline, what):
        """The operation would block: park until the socket's waker."""
        if self._timeout == 0:
            _rt.spin(self._proc)
            raise BlockingIOError(_EAGAIN, "Resource temporarily unavailable")
        self._explain(what + " blocks")
        if self._proc.wait_sockets([self._fd], deadline) == "timeout":
            self._explain(what + " timed out")
            raise TimeoutError("timed out")

    # ---- Python's socket methods ----
    def fileno(self):
        return self._fd

    def bind(self, address):
        self._check()
        ip, port = _address(address, "bind")
        err = self._k.bind(self._fd, ip, port)
        self._explain("bind((%r, %d))%s" % (ip, port, " -> " + os.strerror(-err) if err else ""))
        if err:
            _raise(-err)

    def listen(self, backlog=min(SOMAXCONN, 128)):
        self._check()
        err = self._k.listen(self._fd, max(0, min(int(backlog), SOMAXCONN)))
        self._explain("listen(%d)" % backlog)
        if err:
            _raise(-err)
        self._listening = True

    def _accept_now(self):
        if self._pending and self._pending[0] == "accept":
            r, self._pending = self._pending[1], None
            return r
        return self._k.accept(self._fd)

    def accept(self):
        self._check()
        deadline = self._deadline()
        while True:
            r = self._accept_now()
            if isinstance(r, tuple):
                fd, ip, port = r
                conn = socket(self.family, self.type, self.proto, fileno=fd)
                if self._proc.default_timeout is None and self._timeout is not None:
                    conn._timeout = None  # Python: an accepted socket blocks
                conn._connected = True
                self._explain("accept() -> fd %d from (%r, %d)" % (fd, ip, port))
                return conn, (ip, port)
            if r != -_EAGAIN:
                _raise(-r)
            self._wait(deadline, "accept()")

    def _connect(self, address, ex):
        self._check()
        ip, port = _address(address, "connect_ex" if ex else "connect")
        deadline = self._deadline()
        first = True
        while True:
            already = self._k.connecting(self._fd)
            err = -self._k.connect(self._fd, ip, port)
            if first:
                self._explain("connect((%r, %d))" % (ip, port))
                first = False
            if err == 0:
                self._connected, self._connecting = True, None
                return 0
            if err != _EAGAIN:
                self._connecting = None
                return err
            if self._timeout == 0:
                self._connecting = (ip, port)
                return _EALREADY if already else _EINPROGRESS
            self._explain("connect() blocks")
            if self._proc.wait_sockets([self._fd], deadline) == "timeout":
                self._explain("connect() timed out")
                return None

    def connect(self, address):
        err = self._connect(address, False)
        if err is None:
            raise TimeoutError("timed out")
        if err:
            _raise(err)

    def connect_ex(self, address):
        err = self._connect(address, True)
        return _EAGAIN if err is None else err

    def send(self, data, flags=0):
        self._check()
        data = _bytes(data)
        deadline = self._deadline()
        while True:
            n = self._k.send(self._fd, data)
            if n > 0 or (n == 0 and not data):
                self._explain("send(%s) -> %d" % (_short(data), n))
                return n
            if n < 0 and n != -_EAGAIN:
                self._explain("send() -> " + os.strerror(-n))
                _raise(-n)
            self._wait(deadline, "send()")

    def sendall(self, data, flags=0):
        self._check()
        data = _bytes(data)
        deadline = self._deadline()  # Python 3.5+: the timeout bounds the whole call
        done = 0
        while True:
            n = self._k.send(self._fd, data[done:]) if done < len(data) else 0
            if n < 0 and n != -_EAGAIN:
                self._explain("sendall() -> " + os.strerror(-n))
                _raise(-n)
            done += max(n, 0)
            if done >= len(data):
                self._explain("sendall(%s) -> %d bytes" % (_short(data), len(data)))
                return None
            self._wait(deadline, "sendall()")

    def sendto(self, data, flags_or_address, address=None):
        self._check()
        data = _bytes(data)
        if address is None:
            address = flags_or_address
        ip, port = _address(address, "sendto")
        deadline = self._deadline()
        while True:
            n = self._k.sendto(self._fd, data, ip, port)
            if n >= 0:
                self._explain("sendto(%s, (%r, %d)) -> %d" % (_short(data), ip, port, n))
                return n
            if n != -_EAGAIN:
                self._explain("sendto() -> " + os.strerror(-n))
                _raise(-n)
            self._wait(deadline, "sendto()")

    def _take_pending(self):
        p, self._pending = self._pending, None
        if p[0] == "error":
            _raise(p[1])
        return b""  # end of stream

    def _recv(self, bufsize, with_address, caller):
        self._check()
        if not isinstance(bufsize, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(bufsize).__name__)
        if bufsize < 0:
            raise ValueError("negative buffersize in " + caller)
        deadline = self._deadline()
        while True:
            if self._pending and self._pending[0] in ("eof", "error"):
                data = self._take_pending()
                return (data, None) if with_address else data
            r = self._k.recvfrom(self._fd, bufsize) if with_address else self._k.recv(self._fd, bufsize)
            if not isinstance(r, int):
                data = r[0] if with_address else r
                self._explain("%s(%d) -> %s" % (caller, bufsize, _short(data)))
                if with_address:
                    return (r[0], None if r[1] is None else (r[1], r[2]))
                return r
            if r != -_EAGAIN:
                self._explain("%s(%d) -> %s" % (caller, bufsize, os.strerror(-r)))
                _raise(-r)
            self._wait(deadline, "%s(%d)" % (caller, bufsize))

    def recv(self, bufsize, flags=0):
        return self._recv(bufsize, False, "recv")

    def recvfrom(self, bufsize, flags=0):
        return self._recv(bufsize, True, "recvfrom")

    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        data, address = self.recvfrom(nbytes or len(buffer))
        buffer[:len(data)] = data
        return len(data), address

    def shutdown(self, how):
        self._check()
        if how not in (SHUT_RD, SHUT_WR, SHUT_RDWR):
            _raise(22)
        err = self._k.shutdown(self._fd, how)
        self._explain("shutdown(%d)" % how)
        if err:
            _raise(-err)

    def close(self):
        self._close()

    def _close(self):
        if self._fd >= 0:
            self._explain("close()")
            self._proc.sockets.pop(self._fd, None)
            self._k.close(self._fd)
            self._fd = -1

    def detach(self):
        fd, self._fd = self._fd, -1
        self._proc.sockets.pop(fd, None)
        return fd

    def __del__(self):
        # CPython closes a socket nobody refers to any more (a FIN goes out).
        if getattr(self, "_fd", -1) >= 0 and not self._proc.exited:
            self._close()  # no call time: the collector, not the program, calls it

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def settimeout(self, value):
        self._timeout = _check_timeout(value)

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def getblocking(self):
        return self._timeout != 0.0

    def _address_of(self, r):
        if isinstance(r, int):
            _raise(-r)
        return r

    def getsockname(self):
        self._check()
        return self._address_of(self._k.local(self._fd))

    def getpeername(self):
        self._check()
        return self._address_of(self._k.peer(self._fd))

    def setsockopt(self, level, option, value, optlen=None):
        # Accepted and remembered; TCP_NODELAY also turns Nagle off in the engine.
        self._check()
        if (level, option) == (IPPROTO_TCP, TCP_NODELAY) and self.type == SOCK_STREAM:
            err = self._k.set_nodelay(self._fd, bool(value))
            if err:
                _raise(err)
        self._options[(level, option)] = value

    def getsockopt(self, level, option, buflen=0):
        self._check()
        if (level, option) == (SOL_SOCKET, SO_ERROR):
            if self._connecting is not None:
                err = -self._k.connect(self._fd, *self._connecting)
                if err != _EAGAIN:
                    self._connecting = None
                    return err
            return 0
        if (level, option) == (SOL_SOCKET, SO_TYPE):
            return int(self.type)
        value = self._options.get((level, option), 0)
        return int(value) if isinstance(value, (bool, int)) else value

    def makefile(self, mode="r", buffering=None, *, encoding=None, errors=None, newline=None):
        if not set(mode) <= {"r", "w", "b"}:
            raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
        writing, reading, binary = "w" in mode, "r" in mode or "w" not in mode, "b" in mode
        raw = _SocketIO(self, ("r" if reading else "") + ("w" if writing else ""))
        if buffering is None:
            buffering = -1
        if buffering < 0:
            buffering = io.DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if not binary:
                raise ValueError("unbuffered streams must be binary")
            return raw
        if reading and writing:
            buffer = io.BufferedRWPair(raw, raw, buffering)
        elif reading:
            buffer = io.BufferedReader(raw, buffering)
        else:
            buffer = io.BufferedWriter(raw, buffering)
        if binary:
            return buffer
        text = io.TextIOWrapper(buffer, encoding, errors, newline)
        text.mode = mode
        return text

    # ---- select()'s look-ahead ----
    def _netsim_readable(self):
        if self._pending is not None or self._fd < 0:
            return True
        n = self._k.readable(self._fd)
        if n != 0:
            if n < 0:
                self._pending = ("error", -n)
            return True
        if self._listening:
            r = self._k.accept(self._fd)
            if isinstance(r, tuple):
                self._pending = ("accept", r)
                return True
        elif self.type == SOCK_STREAM and self._connected:
            r = self._k.recv(self._fd, 1)  # nothing is buffered: EOF, an error, or EAGAIN
            if not isinstance(r, int):
                self._pending = ("eof",)
                return True
        else:
            return False
        if r == -_EAGAIN:
            return False
        self._pending = ("error", -r)
        return True

    def _netsim_writable(self):
        if self._fd < 0 or self.type == SOCK_DGRAM or self._connected:
            return True
        if self._connecting is not None:
            err = -self._k.connect(self._fd, *self._connecting)
            if err == 0:
                self._connected, self._connecting = True, None
            return err != _EAGAIN
        return False

    def __repr__(self):
        s = "<socket.socket fd=%d, family=%s, type=%s, proto=%d" % (
            self._fd, self.family, self.type, self.proto)
        if self._fd >= 0:
            local = self._k.local(self._fd)
            if isinstance(local, tuple):
                s += ", laddr=%r" % (local,)
            peer = self._k.peer(self._fd)
            if isinstance(peer, tuple):
                s += ", raddr=%r" % (peer,)
        else:
            s = "<socket.socket [closed] fd=-1, family=%s, type=%s, proto=%d" % (
                self.family, self.type, self.proto)
        return s + ">"


SocketType = socket


class _SocketIO(io.RawIOBase):
    """The raw stream under makefile(), as in CPython's socket.py."""

    def __init__(self, sock, mode):
        super().__init__()
        self._sock = sock
        self._reading, self._writing = "r" in mode, "w" in mode

    def readinto(self, b):
        return self._sock.recv_into(b)

    def write(self, b):
        return self._sock.send(b)

    def readable(self):
        return self._reading

    def writable(self):
        return self._writing

    def fileno(self):
        return self._sock.fileno()

    def close(self):
        super().close()
        self._sock = None


# The methods that are system calls pay the node's call_time when they return
# (recv_into and recvfrom_into pay through recv and recvfrom).
for _name in ("bind", "listen", "accept", "connect", "connect_ex", "send", "sendall", "sendto",
              "recv", "recvfrom", "shutdown", "close", "getsockname", "getpeername",
              "setsockopt", "getsockopt", "settimeout", "setblocking"):
    setattr(socket, _name, _rt.system_call(getattr(socket, _name)))
del _name


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    sock = socket(AF_INET, SOCK_STREAM)
    try:
        if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        if source_address:
            sock.bind(source_address)
        sock.connect(address)
        return sock
    except BaseException:
        sock.close()
        raise


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        sock.bind(address)
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except BaseException:
        sock.close()
        raise


def gethostbyname(hostname):
    return _host_ip(hostname)


def gethostname():
    return _rt.current_process().k.node()


def getfqdn(name=""):
    return name or gethostname()


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    ip = "0.0.0.0" if host is None else _host_ip(host)
    if isinstance(port, str):
        port = int(port)
    kinds = [(SOCK_STREAM, IPPROTO_TCP), (SOCK_DGRAM, IPPROTO_UDP), (SOCK_RAW, IPPROTO_IP)]
    return [(AF_INET, k, p, "", (ip, port or 0)) for k, p in kinds if type in (0, k)]


def inet_aton(text):
    parts = text.split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        raise OSError("illegal IP address string passed to inet_aton")
    return bytes(int(p) for p in parts)


def inet_ntoa(packed):
    if len(packed) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return ".".join(str(b) for b in packed)


def htons(x):
    return ((x & 0xFF) << 8) | ((x >> 8) & 0xFF)


ntohs = htons


def htonl(x):
    return int.from_bytes((x & 0xFFFFFFFF).to_bytes(4, "big"), "little")


ntohl = htonl
