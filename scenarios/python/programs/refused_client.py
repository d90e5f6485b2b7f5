# Connects to a port nobody listens on, and does not catch the error.
import socket


def connect(port):
    s = socket.socket()
    s.connect(("10.0.0.1", port))
    return s


connect(1234)
