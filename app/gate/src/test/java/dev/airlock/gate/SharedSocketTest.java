package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.gate.transport.UnixSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The socket a non-root gate binds in an agent's volume: group-accessible to the agent's group only, and refused
 * outright when the directory the platform made would let others in or belongs to another group.
 */
class SharedSocketTest {

    static final AgentIdentity AGENT = new AgentIdentity(1_780_000_321, 1_780_000_321);

    @TempDir
    Path dir;

    private Path volume(String mode, int gid) throws IOException {
        Path v = Files.createDirectory(dir.resolve("agent"));
        Files.setAttribute(v, "unix:gid", gid);
        Files.setPosixFilePermissions(v, PosixFilePermissions.fromString(mode));
        return v;
    }

    @Test
    void theSocketIsTheAgentGroupsAndNoOneElses() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory another group");
        Path v = volume("rwx--x---", AGENT.gid());
        try (ServerSocketChannel server = UnixSockets.bindShared(v, AGENT)) {
            Path socket = v.resolve(UnixSockets.SOCKET_NAME);
            assertThat(server.isOpen()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
            assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(AGENT.gid());
        }
    }

    @Test
    void aDirectoryOpenToOthersOrOfAnotherGroupIsRefused() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory another group");
        Path open = volume("rwx--x--x", AGENT.gid());
        assertThatThrownBy(() -> UnixSockets.bindShared(open, AGENT)).isInstanceOf(IOException.class)
                .hasMessageContaining("open to other users");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx--x---"));
        assertThatThrownBy(() -> UnixSockets.bindShared(open, new AgentIdentity(1_780_000_999, 1_780_000_999)))
                .isInstanceOf(IOException.class).hasMessageContaining("not to the agent's group");
        assertThatThrownBy(() -> UnixSockets.bindShared(dir.resolve("missing"), AGENT))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
        assertThat(Files.exists(open.resolve(UnixSockets.SOCKET_NAME))).isFalse();
    }
}
