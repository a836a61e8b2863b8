package dev.airlock.run;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateOptions;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The user's channel admits the gate's own user, the owner of the socket's directory and root, by the kernel's
 * peer credentials: another host user who can reach the socket file (its mode is open) hears nothing.
 */
class UserSocketTest {

    Path dir;
    Gate gate;
    RunEvents events;
    UserSocket socket;

    @BeforeEach
    void open() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to connect as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        dir = Files.createTempDirectory(Path.of("/tmp"), "airlock-user-sock");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Topology t = TopologyReader.parse("t.yaml", """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                user: {id: u}
                agents:
                  - {id: a, image: airlock/agent-java}
                pipes:
                  - {from: u, to: a, direction: both}
                """.getBytes(StandardCharsets.UTF_8)).topology();
        gate = Gate.start(t, GateOptions.defaults());
        events = new RunEvents();
        socket = UserSocket.open(dir.resolve("user.sock"), gate.user(), events);
    }

    @AfterEach
    void close() throws IOException {
        if (socket != null) {
            socket.close();
            gate.close();
            events.close();
        }
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void rootIsServedAndAnotherUserIsCutOffBeforeAnyLine() throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket.path()));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"type\":\"hello\"");
        }
        Process stranger = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); "
                + "s.connect(sys.argv[1]); s.settimeout(5); print(repr(s.recv(100)))",
                socket.path().toString()).redirectErrorStream(true).start();
        String out = new String(stranger.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(stranger.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("nobody connected, and was closed without a line").isEqualTo("b''");
    }

    /**
     * A client gives up unless the gate's hello is its first line (airlock expect --connect). What an agent said to
     * the user while no client was connected is kept for the next one, and comes after the hello.
     */
    @Test
    void aDeliveryKeptForTheNextClientComesAfterTheHello() throws Exception {
        PipedOutputStream agentOut = new PipedOutputStream();
        PipedInputStream gateIn = new PipedInputStream(agentOut, 1 << 16);
        PipedOutputStream gateOut = new PipedOutputStream();
        PipedInputStream agentIn = new PipedInputStream(gateOut, 1 << 16);
        gate.attachStream("a", gateIn, gateOut);
        FrameCodec codec = new FrameCodec(1 << 20);
        agentOut.write(FrameCodec.encode(Frame.of(Header.type("hello").put("v", 1L).build())));
        assertThat(codec.read(agentIn).header().type()).isEqualTo("ready");
        agentOut.write(FrameCodec.encode(Frame.of(Header.type("send").put("to", "u").put("kind", "message")
                .put("id", 1L).build(), "said before anyone listened")));
        // The gate answers an agent's frames in order: once the pong is back, the message went to the user.
        agentOut.write(FrameCodec.encode(Frame.of(Header.type("ping").put("id", 2L).build())));
        assertThat(codec.read(agentIn).header().type()).isEqualTo("pong");

        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket.path()));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"type\":\"hello\"");
            assertThat(in.readLine()).contains("\"type\":\"delivery\"").contains("said before anyone listened");
        }
        agentOut.close();
    }
}
