# One client of loop_server.py: sends its words, prints the answers.
import socket
import sys

host, words = sys.argv[1], sys.argv[2:]
answers = []
with socket.create_connection((host, 9000), timeout=5) as c:
    for word in words:
        c.sendall(word.encode())
        answers.append(c.recv(1024).decode())
print("answers:", answers)
