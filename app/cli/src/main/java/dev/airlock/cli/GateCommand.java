package dev.airlock.cli;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.HeadlessGate;
import dev.airlock.run.RunException;
import dev.airlock.run.RunSpec;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.trace.RunTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "gate",
        description = {"Run the gate alone, for agents started elsewhere (Compose, Kubernetes): the topology's "
                + "policy, guardrails, tools, models, audit and capture, as 'airlock run' has them.",
                "Runs until SIGTERM or Ctrl-C, then closes cleanly (events and capture flushed, sockets removed).",
                "Exit 2 for invalid input."})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--topology", required = true, paramLabel = "FILE", description = "Topology file (YAML or JSON).")
    Path file;

    @Option(names = "--listen", required = true, paramLabel = "unix:DIR|tcp://HOST:PORT", description = "unix:DIR "
            + "serves each agent on DIR/<agent>/gate.sock, for that agent's uid:gid only; tcp://HOST:PORT serves "
            + "agents that present a token in their hello.")
    String listen;

    @Option(names = "--user", paramLabel = "unix:PATH", description = "The user's channel on a Unix socket: what "
            + "'airlock expect --connect' and other clients send as the user, and hear back.")
    String user;

    @Option(names = "--tokens", paramLabel = "DIR", description = "With tcp: write each agent's launch token to "
            + "DIR/<agent>.token (mode 0600) for the agent to present; they die with this gate.")
    Path tokens;

    @Option(names = "--k8s-audience", paramLabel = "AUD", description = "With tcp: accept Kubernetes projected "
            + "ServiceAccount tokens for audience AUD instead of launch tokens.")
    String k8sAudience;

    @Option(names = "--k8s-namespace", paramLabel = "NS", description = "The namespace of the agents' "
            + "ServiceAccounts (agent-<id>).")
    String k8sNamespace;

    @Option(names = "--k8s-jwks", paramLabel = "FILE", description = "The cluster's keys, as "
            + "'kubectl get --raw /openid/v1/jwks' prints them; re-read when it changes.")
    Path k8sJwks;

    @Mixin
    RecordingOptions recording;

    @Option(names = "--approve", paramLabel = "deny|allow", defaultValue = "deny", description = "How to answer "
            + "calls that need a human's approval; default: ${DEFAULT-VALUE}.")
    RunSpec.Approvals approve;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        HeadlessGate.Listen where = GateListen.parse(listen);
        Path userSocket = user == null ? null : GateListen.userSocket(user);
        HeadlessGate.Kubernetes kubernetes = kubernetes(where);
        if (tokens != null && (!(where instanceof HeadlessGate.Tcp) || kubernetes != null)) {
            throw new UserError("--tokens: launch tokens are for a tcp listener without --k8s-*");
        }
        if (tokens != null && !Files.isDirectory(tokens)) {
            throw new UserError("--tokens: " + tokens + " is not a directory");
        }
        recording.check();
        Topology topology = TopologyLoader.loadValid(file);
        RunSpec spec = RunSpec.of(topology, file.toAbsolutePath().getParent()).withApprovals(approve)
                .withCapture(recording.capture);
        String id = "g" + UUID.randomUUID().toString().substring(0, 8);
        EventsJsonl jsonl = recording.events == null ? null : new EventsJsonl(recording.events);
        HeadlessGate gate;
        try {
            gate = HeadlessGate.open(spec, where, kubernetes, userSocket,
                    DockerCompartments.serversFor(id, topology, e -> { }));
        } catch (RunException | IllegalArgumentException e) {
            if (jsonl != null) {
                jsonl.close();
            }
            throw new UserError(e.getMessage());
        }
        RunTracer tracer = RunTracer.open(topology, System.getenv(), recording.trace).orElse(null);
        if (tracer != null) {
            tracer.follow(gate.events());
        }
        if (jsonl != null) {
            jsonl.follow(gate.events());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gate, jsonl, tracer), "airlock-gate-stop"));
        announce(topology, gate, where);
        if (tokens != null) {
            writeTokens(topology, gate);
        }
        stopped.await();
        return ExitCode.OK;
    }

    private HeadlessGate.Kubernetes kubernetes(HeadlessGate.Listen where) {
        int given = (k8sAudience == null ? 0 : 1) + (k8sNamespace == null ? 0 : 1) + (k8sJwks == null ? 0 : 1);
        if (given == 0) {
            return null;
        }
        if (given < 3) {
            throw new UserError("--k8s-audience, --k8s-namespace and --k8s-jwks go together; give all three");
        }
        if (!(where instanceof HeadlessGate.Tcp)) {
            throw new UserError("--k8s-*: Kubernetes tokens are checked on a tcp:// listener");
        }
        if (!Files.isRegularFile(k8sJwks)) {
            throw new UserError("--k8s-jwks: " + k8sJwks + " is not a file; fill it from "
                    + "'kubectl get --raw /openid/v1/jwks'");
        }
        return new HeadlessGate.Kubernetes(k8sAudience, k8sNamespace, k8sJwks);
    }

    private void announce(Topology topology, HeadlessGate gate, HeadlessGate.Listen where) {
        String on = switch (where) {
            case HeadlessGate.Unix u -> u.directory() + "/<agent>/gate.sock";
            case HeadlessGate.Tcp t -> "tcp://" + gate.tcpAddress().getHostString() + ":" + gate.tcpAddress().getPort();
        };
        Output.err().println("airlock: gate of '" + topology.name() + "' for " + topology.agents().size()
                + " agents on " + on + (gate.userSocket() == null ? "" : ", user on unix:" + gate.userSocket()));
        if (gate.kubernetesKeys() == 0) {
            Output.err().println("airlock: every agent will be refused: " + gate.kubernetesAdvice());
        }
        Output.err().flush();
    }

    private void writeTokens(Topology topology, HeadlessGate gate) throws IOException {
        for (AgentSpec a : topology.agents()) {
            Path f = tokens.resolve(a.id() + ".token");
            Files.deleteIfExists(f);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, gate.launchToken(a.id()));
        }
    }

    private void stop(HeadlessGate gate, EventsJsonl jsonl, RunTracer tracer) {
        gate.close();
        if (jsonl != null) {
            jsonl.close();
        }
        if (tracer != null) {
            tracer.close();
            tracer.unsent().ifPresent(line -> Output.err().println("airlock: " + line));
        }
        Output.err().println("airlock: gate stopped");
        Output.err().flush();
        stopped.countDown();
    }

    /** Parses the listener options into what the run module takes. */
    static final class GateListen {
        private GateListen() {
        }

        static HeadlessGate.Listen parse(String listen) {
            if (listen.startsWith("unix:")) {
                String dir = listen.substring("unix:".length());
                if (dir.isBlank()) {
                    throw new UserError("--listen: unix:DIR needs a directory");
                }
                Path p = Path.of(dir).toAbsolutePath();
                if (!Files.isDirectory(p)) {
                    throw new UserError("--listen: " + dir + " is not a directory");
                }
                return new HeadlessGate.Unix(p);
            }
            if (listen.startsWith("tcp://")) {
                String hostPort = listen.substring("tcp://".length());
                int colon = hostPort.lastIndexOf(':');
                int port;
                try {
                    port = colon < 1 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > 65_535) {
                    throw new UserError("--listen: " + listen + " is not tcp://HOST:PORT");
                }
                return new HeadlessGate.Tcp(new InetSocketAddress(hostPort.substring(0, colon), port));
            }
            throw new UserError("--listen: " + listen + " is neither unix:DIR nor tcp://HOST:PORT");
        }

        static Path userSocket(String user) {
            if (!user.startsWith("unix:") || user.length() == "unix:".length()) {
                throw new UserError("--user: " + user + " is not unix:PATH");
            }
            return Path.of(user.substring("unix:".length())).toAbsolutePath();
        }
    }
}
