package dev.airlock.run;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.WorkloadIdentities;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.expect.DecisionMatcher;
import dev.airlock.run.expect.Expectations;
import dev.airlock.run.expect.UserSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code airlock gate}'s engine with real agent containers started by someone else (here the docker CLI, as
 * Compose would): one connects over its Unix socket as its fixed workload identity, one over TCP on loopback with a
 * launch token read from a file, one with a Kubernetes ServiceAccount token signed by a key made here. Each meets an expectation through the user socket; closing removes the sockets.
 */
class HeadlessGateTest {

    private static final String LABEL = "airlock.test.headless";
    private final String runLabel = UUID.randomUUID().toString();

    @TempDir
    Path dir;
    Topology topology;

    @BeforeEach
    void topology() throws IOException {
        DockerEngine.require();
        Files.writeString(dir.resolve("echo.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: echo}
                user: {id: alice}
                agents:
                  - {id: echo, image: airlock/agent-java, command: [java, dev.airlock.sdk.demo.EchoAgent]}
                pipes:
                  - {from: alice, to: echo, direction: both}
                """);
        topology = TopologyReader.read(dir.resolve("echo.yaml")).topology();
        try (Compartments c = DockerCompartments.factory(Duration.ZERO).open(e -> { })) {
            c.prepareImages(topology, dir, "headless-test", Compartments.Progress.NONE);
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        String ids = docker("ps", "-aq", "--filter", "label=" + LABEL + "=" + runLabel).strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(ids.split("\\s+")));
            docker(rm.toArray(String[]::new));
        }
    }

    private HeadlessGate open(HeadlessGate.Listen listen) {
        return HeadlessGate.open(RunSpec.of(topology, dir), listen, null, dir.resolve("user.sock"),
                DockerCompartments.serversFor("headless-test", topology, e -> { }));
    }

    private static Expectations echoes(String text) {
        return new Expectations(List.of(new Expectations.Message("echo", null, text)), Duration.ofSeconds(60),
                List.of(new DecisionMatcher("echo", "send", "alice", null, GateAction.DELIVER, null, null)),
                List.of(), List.of(new Expectations.AnswerMatcher("echo", "echo: " + text, null)));
    }

    @Test
    void anAgentContainerConnectsOverItsUnixSocketAsItsWorkloadIdentity() throws Exception {
        Path sockets = Files.createDirectory(dir.resolve("sockets"));
        AgentIdentity identity = WorkloadIdentities.of(topology, "echo");
        Path socket;
        try (HeadlessGate gate = open(new HeadlessGate.Unix(sockets))) {
            socket = gate.sockets().getFirst();
            assertThat(socket).isEqualTo(sockets.resolve("echo").resolve("gate.sock"));
            assertThat(AgentIdentity.ownerOf(socket)).isEqualTo(identity);
            docker("run", "-d", "--label", LABEL + "=" + runLabel, "--network", "none", "--read-only",
                    "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--user", identity.toString(),
                    "-v", socket.getParent() + ":/run/airlock", "airlock/agent-java",
                    "java", "dev.airlock.sdk.demo.EchoAgent");
            UserSocketClient.Outcome outcome = UserSocketClient.meet(gate.userSocket(), echoes("over unix"),
                    Duration.ofSeconds(10));
            assertThat(outcome.check().failures()).isEmpty();
            assertThat(outcome.met()).isTrue();
        }
        assertThat(Files.exists(socket)).isFalse();
        assertThat(Files.exists(dir.resolve("user.sock"))).isFalse();
    }

    @Test
    void anAgentContainerConnectsOverTcpWithALaunchToken() throws Exception {
        try (HeadlessGate gate = open(new HeadlessGate.Tcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            Path token = dir.resolve("echo.token");
            Files.writeString(token, gate.launchToken("echo"), StandardCharsets.US_ASCII);
            // The container's user reads the token through the bind mount; only the test can reach the file's dir.
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
            docker("run", "-d", "--label", LABEL + "=" + runLabel, "--network", "host", "--read-only",
                    "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "--user", WorkloadIdentities.of(topology, "echo").toString(),
                    "-e", "AIRLOCK_GATE=tcp://127.0.0.1:" + gate.tcpAddress().getPort(),
                    "-e", "AIRLOCK_TOKEN_FILE=/var/run/secrets/airlock/token",
                    "-v", token + ":/var/run/secrets/airlock/token:ro", "airlock/agent-java",
                    "java", "dev.airlock.sdk.demo.EchoAgent");
            UserSocketClient.Outcome outcome = UserSocketClient.meet(gate.userSocket(), echoes("over tcp"),
                    Duration.ofSeconds(10));
            assertThat(outcome.check().failures()).isEmpty();
        }
    }

    @Test
    void anAgentContainerConnectsOverTcpWithAKubernetesServiceAccountToken() throws Exception {
        RSAKey cluster = new RSAKeyGenerator(2048).keyID("cluster-1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(cluster).toPublicJWKSet().toString());
        Files.setPosixFilePermissions(jwks, PosixFilePermissions.fromString("rw-r--r--"));
        List<dev.airlock.core.event.GateDecision> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HeadlessGate gate = HeadlessGate.open(RunSpec.of(topology, dir), new HeadlessGate.Tcp(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                new HeadlessGate.Kubernetes("airlock-gate", "team-a", jwks), dir.resolve("user.sock"),
                DockerCompartments.serversFor("headless-test", topology, e -> { }))) {
            gate.events().subscribe("test", 1024, e -> {
                if (e instanceof dev.airlock.core.event.GateDecision d) {
                    seen.add(d);
                }
            });
            // Another namespace's account of the same name is not this agent.
            String stranger = dockerMayFail("run", "--rm", "--label", LABEL + "=" + runLabel, "--network", "host",
                    "--user", WorkloadIdentities.of(topology, "echo").toString(),
                    "-e", "AIRLOCK_GATE=tcp://127.0.0.1:" + gate.tcpAddress().getPort(),
                    "-e", "AIRLOCK_TOKEN_FILE=/t", "-v", tokenFile(cluster, "team-b", "s.token") + ":/t:ro",
                    "airlock/agent-java", "java", "dev.airlock.sdk.demo.EchoAgent");
            assertThat(stranger).contains("auth_failed");
            docker("run", "-d", "--label", LABEL + "=" + runLabel, "--network", "host", "--read-only",
                    "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "--user", WorkloadIdentities.of(topology, "echo").toString(),
                    "-e", "AIRLOCK_GATE=tcp://127.0.0.1:" + gate.tcpAddress().getPort(),
                    "-e", "AIRLOCK_TOKEN_FILE=/var/run/secrets/airlock/token",
                    "-v", tokenFile(cluster, "team-a", "a.token") + ":/var/run/secrets/airlock/token:ro",
                    "airlock/agent-java", "java", "dev.airlock.sdk.demo.EchoAgent");
            UserSocketClient.Outcome outcome = UserSocketClient.meet(gate.userSocket(), echoes("in a cluster"),
                    Duration.ofSeconds(10));
            assertThat(outcome.check().failures()).isEmpty();
            assertThat(seen).anyMatch(d -> d.rule().equals("token.namespace") && d.action() == GateAction.BLOCK);
        }
    }

    /** A projected token as the kubelet writes it: RS256, audience the gate, ten minutes. */
    private Path tokenFile(RSAKey cluster, String namespace, String name) throws Exception {
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("cluster-1").build(),
                new JWTClaimsSet.Builder().issuer("https://kubernetes.default.svc")
                        .subject("system:serviceaccount:" + namespace + ":agent-echo").audience("airlock-gate")
                        .issueTime(new Date(now)).notBeforeTime(new Date(now))
                        .expirationTime(new Date(now + 600_000)).build());
        jwt.sign(new RSASSASigner(cluster));
        Path f = Files.writeString(dir.resolve(name), jwt.serialize());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }

    @Test
    void aStrangerWithAForgedTokenIsRefusedOnTheRecord() throws Exception {
        List<dev.airlock.core.event.GateDecision> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HeadlessGate gate = open(new HeadlessGate.Tcp(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            gate.events().subscribe("test", 1024, e -> {
                if (e instanceof dev.airlock.core.event.GateDecision d) {
                    seen.add(d);
                }
            });
            Path token = dir.resolve("forged.token");
            String real = gate.launchToken("echo");
            Files.writeString(token, real.substring(0, real.length() - 3) + (real.endsWith("AAA") ? "BBB" : "AAA"));
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
            String out = dockerMayFail("run", "--rm", "--label", LABEL + "=" + runLabel, "--network", "host",
                    "--user", WorkloadIdentities.of(topology, "echo").toString(),
                    "-e", "AIRLOCK_GATE=tcp://127.0.0.1:" + gate.tcpAddress().getPort(),
                    "-e", "AIRLOCK_TOKEN_FILE=/t", "-v", token + ":/t:ro", "airlock/agent-java",
                    "java", "dev.airlock.sdk.demo.EchoAgent");
            assertThat(out).contains("auth_failed");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.stream().noneMatch(d -> d.rule().equals("token.forged")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(seen).anyMatch(d -> d.rule().equals("token.forged") && d.action() == GateAction.BLOCK);
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static String dockerMayFail(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
