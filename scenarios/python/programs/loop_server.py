# A server that serves clients one after another, for ever: upper-cases what each sends.
import socket

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 9000))
server.listen(5)
served = 0
while True:
    conn, addr = server.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data.upper())
    served += 1
    print(f"served client {served} from {addr}")
