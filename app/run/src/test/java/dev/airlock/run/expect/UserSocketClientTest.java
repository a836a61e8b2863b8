package dev.airlock.run.expect;

import dev.airlock.core.event.GateAction;
import dev.airlock.run.RunException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code airlock expect --connect} against sockets that are not a gate greeting it: each failure says which it was,
 * so a user can tell a refused connection from something else on the socket.
 */
class UserSocketClientTest {

    @TempDir
    Path dir;

    @Test
    void aSocketThatClosesWithoutALineIsARefusal() throws Exception {
        assertThatThrownBy(() -> meetServing(null))
                .isInstanceOf(RunException.class)
                .hasMessageContaining("closed the user channel: this user is not admitted");
    }

    @Test
    void aFirstLineThatIsNotTheHelloIsNamed() throws Exception {
        assertThatThrownBy(() -> meetServing("{\"type\":\"decision\",\"agent\":\"a\"}\n"))
                .isInstanceOf(RunException.class)
                .hasMessageContaining("did not begin with an Airlock gate's hello")
                .hasMessageContaining("{\"type\":\"decision\",\"agent\":\"a\"}");
        assertThatThrownBy(() -> meetServing("SSH-2.0-OpenSSH_9.2\n"))
                .isInstanceOf(RunException.class)
                .hasMessageContaining("its first line was: SSH-2.0-OpenSSH_9.2");
    }

    /** Serves one connection on a fresh socket: writes {@code first} (or nothing) and closes, then meets on it. */
    private void meetServing(String first) throws Exception {
        Path socket = dir.resolve("user-" + System.nanoTime() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread serving = Thread.ofPlatform().daemon().start(() -> {
                try (SocketChannel ch = server.accept()) {
                    if (first != null) {
                        ch.write(ByteBuffer.wrap(first.getBytes(StandardCharsets.UTF_8)));
                    }
                } catch (Exception e) {
                    // the test's server: what the client saw is what is asserted
                }
            });
            try {
                UserSocketClient.meet(socket, new Expectations(List.of(new Expectations.Message("a", null, "hi")),
                        Duration.ofSeconds(5), List.of(new DecisionMatcher("a", "send", "u", null, GateAction.DELIVER,
                        null, null)), List.of(), List.of()), Duration.ofSeconds(5));
            } finally {
                serving.join(5000);
            }
        }
    }
}
