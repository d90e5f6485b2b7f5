# The seed's UDP chat: a thread prints what arrives while the main loop sends what the user types.
import socket
import sys
import threading

my_port = int(sys.argv[1])
peer = (sys.argv[2], int(sys.argv[3]))

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("0.0.0.0", my_port))
heard = []


def receive():
    while True:
        data, addr = sock.recvfrom(1024)
        text = data.decode("utf-8")
        heard.append(text)
        print(f"{addr[0]}:{addr[1]} 说: {text}")


receiver = threading.Thread(target=receive, daemon=True)
receiver.start()

while True:
    line = input("> ")
    if line == "exit":
        break
    sock.sendto(line.encode("utf-8"), peer)
sock.close()
