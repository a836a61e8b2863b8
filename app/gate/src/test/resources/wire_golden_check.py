# Holds the documented example client (airlock_agent.py) to the shared wire corpus: it must read every golden frame
# as its message and write every message as exactly the golden bytes. Usage: wire_golden_check.py CORPUS_DIR.
# Prints one line per frame checked; exits 1 if any disagrees.
import json, pathlib, sys

from airlock_agent import Gate


class Wire:
    """Stands in for the socket: the client reads `incoming` and its writes collect in `sent`. No traffic at all."""

    def __init__(self, incoming=b""):
        self.incoming, self.sent = incoming, b""

    def recv(self, n):
        chunk, self.incoming = self.incoming[:n], self.incoming[n:]
        return chunk

    def sendall(self, data):
        self.sent += data


def client(wire):
    gate = Gate.__new__(Gate)  # without __init__: no connect, no hello; only the framing is under test
    gate.sock = wire
    return gate


def canonical(value):
    # Strict equality: a plain == would take True for 1 and ignore key order, both of which change the bytes.
    return json.dumps(value)


def check(path):
    golden = json.loads(path.read_text(encoding="utf-8"))
    wire, body = bytes.fromhex(golden["wire"]), golden["body"].encode()
    problems = []
    header, read_body = client(Wire(wire)).read()
    if canonical(header) != canonical(golden["header"]) or read_body != body:
        problems.append("reads %s %r" % (canonical(header), read_body))
    out = Wire()
    client(out).write(golden["header"], body)
    if out.sent != wire:
        problems.append("writes %s, not %s" % (out.sent.hex(), golden["wire"]))
    return problems


if __name__ == "__main__":
    failed = False
    for path in sorted(pathlib.Path(sys.argv[1], "frames").glob("*.json")):
        problems = check(path)
        failed = failed or bool(problems)
        print(path.stem, "ok" if not problems else "DIFFERS: " + "; ".join(problems))
    sys.exit(1 if failed else 0)
