# ROUNDS round trips of one byte: each a blocking recv on both sides.
import socket
import sys

rounds = int(sys.argv[1])
c = socket.socket()
c.connect(("10.0.0.1", 9000))
for i in range(rounds):
    c.send(b"x")
    c.recv(16)
c.close()
