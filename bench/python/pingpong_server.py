# Echoes 1-byte messages until the client closes: one blocking recv per message.
import socket

s = socket.socket()
s.bind(("0.0.0.0", 9000))
s.listen()
conn, addr = s.accept()
n = 0
while True:
    data = conn.recv(16)
    if not data:
        break
    conn.send(data)
    n += 1
conn.close()
