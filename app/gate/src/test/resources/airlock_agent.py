# A complete Airlock agent client: protocol v1 over the agent's Unix socket. Standard library only.
import json, os, socket, struct, sys


class Gate:
    def __init__(self, path=None):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path or os.environ.get("AIRLOCK_GATE", "/run/airlock/gate.sock"))
        self.write({"t": "hello", "v": 1})
        self.ready, _ = self.read()          # {"t": "ready", "agent": ..., "token": ..., "peers": [...], ...}
        if self.ready["t"] != "ready":
            raise RuntimeError(self.ready)

    def write(self, header, body=b""):
        # Compact, raw UTF-8 (not \u escapes): byte for byte what the gate and the Java SDK write.
        head = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
        self.sock.sendall(struct.pack(">IH", 2 + len(head) + len(body), len(head)) + head + body)

    def _exactly(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("the gate closed the connection")
            buf += chunk
        return buf

    def read(self):
        frame_len, head_len = struct.unpack(">IH", self._exactly(6))
        header = json.loads(self._exactly(head_len))
        return header, self._exactly(frame_len - 2 - head_len)

    def send(self, to, text, kind="message", id=1):
        self.write({"t": "send", "to": to, "kind": kind, "id": id}, text.encode())

    def call_tool(self, tool, args, id=1):
        self.write({"t": "tool.call", "id": id, "tool": tool}, json.dumps(args).encode())
        return self.read()

    def messages(self):
        while True:
            header, body = self.read()
            if header["t"] == "deliver":
                yield header["from"], header.get("kind"), body.decode()
            elif header["t"] in ("block", "error"):
                print("gate refused:", header, file=sys.stderr)
            elif header["t"] == "ping":
                self.write({"t": "pong", "id": header.get("id")})


if __name__ == "__main__":
    gate = Gate(sys.argv[1] if len(sys.argv) > 1 else None)
    print("ready", gate.ready["agent"], flush=True)
    gate.send(sys.argv[2] if len(sys.argv) > 2 else "researcher", "hello from python", kind="task")
    gate.write({"t": "ping", "id": 2})
    print("reply", gate.read()[0]["t"], flush=True)
