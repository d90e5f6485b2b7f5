# Sends its argument, keeps the reply.
import socket
import sys

with socket.create_connection((sys.argv[1], 7000)) as c:
    c.sendall(sys.argv[2].encode())
    reply = c.recv(1024).decode()
print(reply)
