# The standard library's socketserver: an echo server, line by line.
import socketserver


class EchoHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(b"echo: " + line)


with socketserver.TCPServer(("0.0.0.0", 7000), EchoHandler) as server:
    server.serve_forever()
