package dev.airlock.gate;

import dev.airlock.gate.wire.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The least-privilege socket really admits the container's user: a process running as uid/gid 65534 with no
 * supplementary groups connects and completes a hello, using the Python client from docs/protocol.md. The control
 * case shows the same process is refused by a socket made the default way.
 */
class UnixSocketPermissionsTest {

    static final int NOGROUP = 65534;
    Path base;
    Path script;
    Gate gate;

    @BeforeEach
    void setUp() throws IOException {
        requireOrSkip("root".equals(System.getProperty("user.name")), "needs root to run a process as uid 65534");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        requireOrSkip(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 (apt: python3)");
        base = Files.createTempDirectory(Path.of("/tmp"), "airlock-perm");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        script = base.resolve("airlock_agent.py");
        try (InputStream in = getClass().getResourceAsStream("/airlock_agent.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        gate = Gate.start(Fixtures.topology(), GateOptions.defaults());
    }

    /** Like the Docker tests: skipped with a reason on a workstation, a failure under CI=true. */
    private static void requireOrSkip(boolean available, String reason) {
        if (!available && "true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true but the uid 65534 socket test " + reason);
        }
        assumeTrue(available, reason);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (gate != null) {
            gate.close();
        }
        if (base != null) {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void uid65534ConnectsToTheGroupOwnedSocketAndIsServedAsItsAgent() throws Exception {
        Path socket = gate.listenUnix("planner", base.resolve("planner"), NOGROUP);
        assertThat(Files.getPosixFilePermissions(socket.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(NOGROUP);
        assertThat(Files.getAttribute(socket.getParent(), "unix:gid")).isEqualTo(NOGROUP);
        Path researcherSocket = gate.listenUnix("researcher", base.resolve("researcher"), NOGROUP);
        try (AgentClient researcher = AgentClient.ready(researcherSocket)) {
            Result r = runAsNobody(socket.toString(), "researcher");
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).contains("ready planner").contains("reply pong");
            Frame d = researcher.next("deliver");
            assertThat(d.header().string("from")).isEqualTo("planner");
            assertThat(d.bodyText()).isEqualTo("hello from python");
        }
    }

    @Test
    void controlDefaultSocketRefusesUid65534() throws Exception {
        Path dir = Files.createDirectory(base.resolve("plain"));
        Path socket = dir.resolve("gate.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Result r = runAsNobody(socket.toString(), "researcher");
            assertThat(r.exit).isNotZero();
            assertThat(r.output).contains("PermissionError");
        }
    }

    record Result(int exit, String output) {
    }

    private Result runAsNobody(String socket, String peer) throws Exception {
        Process p = new ProcessBuilder(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "/usr/bin/python3", script.toString(), socket, peer))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
