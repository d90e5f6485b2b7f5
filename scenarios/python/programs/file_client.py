# The seed's file download client: asks for the file, saves it, reads it back.
import socket
import struct
import sys


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise ConnectionError("the server closed early")
        data += part
    return data


client = socket.socket()
client.connect((sys.argv[1], 8888))
client.send(b"GET notes.txt")
(size,) = struct.unpack("!I", recv_exactly(client, 4))
content = recv_exactly(client, size)
client.close()
with open("download/notes.txt", "wb") as f:
    f.write(content)
with open("download/notes.txt", encoding="utf-8") as f:
    first_line = f.readline().strip()
print(f"downloaded {size} bytes; first line: {first_line}")
