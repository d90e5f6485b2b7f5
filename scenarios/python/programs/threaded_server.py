# socketserver.ThreadingTCPServer: a thread per client; serve_forever in a
# daemon thread, shut down after two seconds.
import socketserver
import threading
import time


class NameHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(1024)
        self.request.sendall(threading.current_thread().name.encode() + b": " + data)


server = socketserver.ThreadingTCPServer(("", 7000), NameHandler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
time.sleep(2)
server.shutdown()
server.server_close()
print("shut down")
