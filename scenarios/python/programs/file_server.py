# The seed's file download server: sends the file's size, then its bytes.
import os
import socket
import struct

filename = "files/notes.txt"
size = os.path.getsize(filename)
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("0.0.0.0", 8888))
server.listen(1)
conn, addr = server.accept()
request = conn.recv(1024).decode()
print("request:", request)
conn.sendall(struct.pack("!I", size))
with open(filename, "rb") as f:
    while True:
        chunk = f.read(1000)
        if not chunk:
            break
        conn.sendall(chunk)
conn.close()
server.close()
