package dev.airlock.run;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.WorkloadIdentities;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.gate.Gate;
import dev.airlock.gate.token.ProjectedTokens;
import dev.airlock.gate.token.TcpAuthenticator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The gate of {@code airlock gate}: the same {@link GateAssembly} as a {@link Run}, but its agents are started by
 * someone else (Compose, Kubernetes) and come to it over the listener: one Unix socket per agent, or TCP with a
 * token. Agents' identities are the fixed {@link WorkloadIdentities} the export wrote, since nothing here launches
 * them. Closing flushes the audit and capture, and removes the sockets and the tool workspace.
 */
public final class HeadlessGate implements AutoCloseable {

    /** Where agents connect. */
    public sealed interface Listen permits Unix, Tcp {
    }

    /** {@code DIR/<agent>/gate.sock} per agent. */
    public record Unix(Path directory) implements Listen {
        public Unix {
            Objects.requireNonNull(directory);
        }
    }

    /** One TCP port for every agent; the hello's token says which agent. */
    public record Tcp(InetSocketAddress address) implements Listen {
        public Tcp {
            Objects.requireNonNull(address);
        }
    }

    /** Kubernetes projected ServiceAccount tokens instead of the gate's launch tokens over TCP. */
    public record Kubernetes(String audience, String namespace, Path jwks) {
    }

    private final RunSpec spec;
    private final RunEvents events = new RunEvents();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Path> createdDirectories = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();
    private Compartments.Servers servers;
    private Path workspace;
    private GateAssembly assembly;
    private ProjectedTokens projected;
    private UserSocket userSocket;
    private InetSocketAddress tcpAddress;

    private HeadlessGate(RunSpec spec) {
        this.spec = spec;
    }

    /**
     * Opens the gate and its listener; agents may connect as soon as this returns.
     *
     * @param kubernetes null for the gate's own launch tokens over TCP
     * @param userSocket where the user's channel listens; null for none
     * @param servers    starts MCP tool servers; the gate closes it
     * @throws RunException for what the operator must fix (an unusable directory, a JWKS file, a port in use)
     */
    public static HeadlessGate open(RunSpec spec, Listen listen, Kubernetes kubernetes, Path userSocket,
                                    Compartments.Servers servers) {
        HeadlessGate g = new HeadlessGate(spec);
        try {
            g.start(listen, kubernetes, userSocket, servers);
            return g;
        } catch (IOException e) {
            g.close();
            throw new RunException(e.getMessage());
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private void start(Listen listen, Kubernetes kubernetes, Path user, Compartments.Servers servers)
            throws IOException {
        this.servers = servers;
        workspace = Files.createTempDirectory("airlock-gate-tools",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        TcpAuthenticator tcp = null;
        if (kubernetes != null) {
            projected = new ProjectedTokens(kubernetes.jwks(), kubernetes.audience(), kubernetes.namespace());
            tcp = projected;
        }
        assembly = GateAssembly.open(spec, workspace, servers, events::publish, tcp);
        Gate gate = assembly.gate();
        switch (listen) {
            case Unix u -> listenUnix(gate, u.directory());
            case Tcp t -> tcpAddress = gate.listenTcp(t.address());
        }
        if (user != null) {
            userSocket = UserSocket.open(user, gate.user(), events);
        }
    }

    /**
     * As root the gate makes each agent's directory and gives it away, as {@code airlock run} does; otherwise (the
     * gate's own container) each directory is the agent's volume, prepared for it, and the socket is shared with
     * the agent's group.
     */
    private void listenUnix(Gate gate, Path directory) throws IOException {
        boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        for (AgentSpec a : spec.topology().agents()) {
            AgentIdentity identity = WorkloadIdentities.of(spec.topology(), a.id());
            Path dir = directory.resolve(a.id());
            if (root) {
                if (!Files.exists(dir)) {
                    createdDirectories.add(dir);
                }
                sockets.add(gate.listenUnix(a.id(), dir, identity));
            } else {
                sockets.add(gate.listenUnixShared(a.id(), dir, identity));
            }
        }
    }

    public RunEvents events() {
        return events;
    }

    /** The agents' sockets, in topology order (Unix listener), else empty. */
    public List<Path> sockets() {
        return List.copyOf(sockets);
    }

    /** The bound TCP address (the port when 0 was asked), or null for a Unix listener. */
    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    /** How many keys the Kubernetes JWKS holds; -1 without Kubernetes mode. */
    public int kubernetesKeys() {
        return projected == null ? -1 : projected.keyCount();
    }

    /** What to tell the operator when the JWKS holds no key, or empty. */
    public String kubernetesAdvice() {
        return projected == null ? "" : projected.noKeysAdvice();
    }

    /** A launch token an agent presents over TCP (the gate's own tokens; they die with this process). */
    public String launchToken(String agentId) {
        return assembly.gate().launchToken(agentId);
    }

    public Path userSocket() {
        return userSocket == null ? null : userSocket.path();
    }

    /** Closes the user socket, the gate (audit and capture flushed, sockets removed), tools, and the workspace. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (userSocket != null) {
            userSocket.close();
        }
        if (assembly != null) {
            assembly.close();
        }
        if (servers != null) {
            servers.close();
        }
        for (Path dir : createdDirectories) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // not empty: something else was put there, which is not the gate's to remove
            }
        }
        deleteTree(workspace);
        events.close();
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the gate's tool workspace " + root, e);
        }
    }
}
