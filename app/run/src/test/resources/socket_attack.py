# A host process trying to become an agent of a live run: list the run's directories, then connect to each socket
# and say hello. Prints one line per attempt: the path and what came of it.
import json, os, socket, struct, sys

for path in sys.argv[1:]:
    if path.endswith(".sock"):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(5)
            s.connect(path)
            head = json.dumps({"t": "hello", "v": 1}).encode()
            s.sendall(struct.pack(">IH", 2 + len(head), len(head)) + head)
            answer = s.recv(65536)
            print(path, "answered" if answer else "closed", flush=True)
        except OSError as e:
            print(path, type(e).__name__, flush=True)
    else:
        try:
            print(path, "listed", os.listdir(path), flush=True)
        except OSError as e:
            print(path, type(e).__name__, flush=True)
