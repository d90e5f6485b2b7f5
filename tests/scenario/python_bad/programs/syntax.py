import socket

s = socket.socket()
if True
    s.close()
