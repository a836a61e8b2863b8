package dev.airlock.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.gate.UserChannel;
import dev.airlock.gate.Verdict;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user's channel of a headless gate, on a Unix socket: a client sends as the user and hears every gate decision
 * and every delivery to the user, as JSON lines ({@link UserWire}). Who may connect is checked on the kernel's
 * SO_PEERCRED: the gate's own uid, the owner of the socket's directory (the human who made it for the gate), and
 * root (who could read the gate's memory anyway). The file mode is open because across a container boundary the
 * owner of the directory and the gate are different users; the peer check is what decides.
 */
public final class UserSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserSocket.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deliveries kept for a client that connects later, e.g. between two expectation checks. */
    private static final int BACKLOG = 256;
    private static final int EVENT_BUFFER = 65_536;

    private final Path path;
    private final ServerSocketChannel server;
    private final Set<UserPrincipal> admitted;
    private final UserChannel user;
    private final RunEvents events;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Deque<String> backlog = new ArrayDeque<>();
    private volatile boolean closed;

    private UserSocket(Path path, ServerSocketChannel server, Set<UserPrincipal> admitted, UserChannel user,
                       RunEvents events) {
        this.path = path;
        this.server = server;
        this.admitted = admitted;
        this.user = user;
        this.events = events;
    }

    public static UserSocket open(Path path, UserChannel user, RunEvents events) throws IOException {
        Path socket = path.toAbsolutePath();
        Path dir = socket.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("the user socket's directory " + dir + " does not exist");
        }
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        // The JDK names a peer by account name when there is one; looking the ids up the same way compares like
        // with like.
        Set<UserPrincipal> admitted = new HashSet<>();
        for (int uid : List.of(0, self, AgentIdentity.ownerOf(dir).uid())) {
            admitted.add(lookup.lookupPrincipalByName(Integer.toString(uid)));
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        UserSocket s = new UserSocket(socket, server, admitted, user, events);
        user.onDelivery(d -> s.broadcastDelivery(UserWire.delivery(d.from(), d.kind(), d.text())));
        Thread.ofPlatform().daemon().name("user-socket-accept").start(s::acceptLoop);
        return s;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = server.accept();
                UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!admitted.contains(peer.user())) {
                    LOG.warn("user socket: refused peer {}", peer.user().getName());
                    ch.close();
                    continue;
                }
                Client c = new Client(ch);
                Thread.ofPlatform().daemon().name("user-socket-client").start(c::serve);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("user socket: {}", e.toString());
                }
            }
        }
    }

    private void broadcastDelivery(String line) {
        synchronized (backlog) {
            if (clients.isEmpty()) {
                if (backlog.size() == BACKLOG) {
                    backlog.removeFirst();
                }
                backlog.addLast(line);
                return;
            }
        }
        clients.forEach(c -> c.write(line));
    }

    /** One connected user client: its decisions subscription, its sends, its writes. */
    private final class Client {
        private final SocketChannel channel;
        private final OutputStream out;
        private Subscription decisions;

        Client(SocketChannel channel) {
            this.channel = channel;
            this.out = Channels.newOutputStream(channel);
        }

        void serve() {
            // A client gives up unless the hello is its first line: the deliveries kept from before it connected
            // come after the hello, later deliveries only once it is listed, and decisions once it is subscribed.
            write(UserWire.hello());
            synchronized (backlog) {
                backlog.forEach(this::write);
                backlog.clear();
                clients.add(this);
            }
            if (closed) {
                drop();
                return;
            }
            decisions = events.subscribe("user-socket", EVENT_BUFFER, e -> {
                if (e instanceof GateDecision d) {
                    write(UserWire.decision(d));
                }
            });
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    handle(line);
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                drop();
            }
        }

        private void handle(String line) {
            JsonNode m;
            try {
                m = JSON.readTree(line);
            } catch (IOException e) {
                write(UserWire.error("not a JSON line"));
                return;
            }
            if (!"send".equals(m.path("type").asText()) || !m.hasNonNull("to") || !m.hasNonNull("text")) {
                write(UserWire.error("expected {\"type\":\"send\",\"to\":…,\"text\":…}"));
                return;
            }
            String kind = m.path("kind").asText("message");
            Verdict v = user.send(m.get("to").asText(), kind.isEmpty() ? "message" : kind, m.get("text").asText());
            write(UserWire.verdict(m.path("id").asLong(0), v.action(), v.rule(), v.reason()));
        }

        synchronized void write(String line) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                drop();
            }
        }

        void drop() {
            clients.remove(this);
            if (decisions != null) {
                decisions.close();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        clients.forEach(Client::drop);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", path, e.toString());
        }
    }
}
