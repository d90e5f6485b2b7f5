# Sends lines to the echo server and keeps what comes back.
import socket
import time

lines = []
start = time.monotonic()
with socket.create_connection(("10.0.0.1", 7000)) as c:
    f = c.makefile("rwb")
    for word in ["ping", "pong", "再见"]:
        f.write(word.encode() + b"\n")
        f.flush()
        lines.append(f.readline().decode().strip())
elapsed = time.monotonic() - start
print(lines, round(elapsed, 6))
