package dev.airlock.gate.transport;

import dev.airlock.core.runtime.AgentIdentity;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * Creates an agent's socket so that only the agent's own identity can reach it: the directory 0700 and the socket
 * 0600, both owned by the agent's uid:gid, and checks that identity again on every connection (the kernel's
 * SO_PEERCRED), since file modes alone do not stop a root process or a misconfigured mount.
 */
public final class UnixSockets {

    public static final String SOCKET_NAME = "gate.sock";
    private static final int MAX_PATH = 107;

    private UnixSockets() {
    }

    public static ServerSocketChannel bind(Path directory, AgentIdentity identity) throws IOException {
        Path socket = directory.resolve(SOCKET_NAME).toAbsolutePath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
            throw new IOException("socket path is longer than " + MAX_PATH + " bytes: " + socket);
        }
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            // Mode first, owner last: once the files are the agent's, only CAP_FOWNER could change their mode.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            giveTo(socket, identity);
            giveTo(directory, identity);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * For a gate that may not give files away (not root, in a container beside its agents'): {@code directory} must
     * already exist as the platform made it, owned by this process, in the agent's group, closed to others (a
     * Compose tmpfs volume with {@code uid=<gate>,gid=<agent>,mode=2710}). The socket is made 0660 in the agent's
     * group (the directory's setgid bit gives it that group; a gate that is a member of the group sets it).
     * Anything looser is refused rather than served: the directory is what keeps other agents out.
     */
    public static ServerSocketChannel bindShared(Path directory, AgentIdentity identity) throws IOException {
        Path socket = directory.resolve(SOCKET_NAME).toAbsolutePath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
            throw new IOException("socket path is longer than " + MAX_PATH + " bytes: " + socket);
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " does not exist: mount the agent's volume there");
        }
        int group = (Integer) Files.getAttribute(directory, "unix:gid");
        if (group != identity.gid()) {
            throw new IOException(directory + " belongs to group " + group + ", not to the agent's group "
                    + identity.gid());
        }
        var others = Files.getPosixFilePermissions(directory);
        if (others.contains(PosixFilePermission.OTHERS_READ) || others.contains(PosixFilePermission.OTHERS_WRITE)
                || others.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new IOException(directory + " is open to other users (" + PosixFilePermissions.toString(others)
                    + "); it must be reachable by the gate and the agent's group only");
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            if ((Integer) Files.getAttribute(socket, "unix:gid") != identity.gid()) {
                Files.setAttribute(socket, "unix:gid", identity.gid());
            }
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        return server;
    }

    /**
     * Following links is deliberate: with NOFOLLOW_LINKS the JDK opens the file to change it, which a socket
     * refuses (ENXIO). The paths are ones just created inside a directory only this process may write.
     */
    private static void giveTo(Path path, AgentIdentity identity) throws IOException {
        Files.setAttribute(path, "unix:gid", identity.gid());
        Files.setAttribute(path, "unix:uid", identity.uid());
    }

    /** Who may connect: a peer whose kernel credentials are exactly this identity. */
    public static PeerCheck peerCheck(AgentIdentity identity) throws IOException {
        UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        // The JDK takes a decimal string as the id itself when no account has that name, which is the case for
        // the ids Airlock allocates; either way the principals compare by id.
        UnixDomainPrincipal expected = new UnixDomainPrincipal(
                lookup.lookupPrincipalByName(Integer.toString(identity.uid())),
                lookup.lookupPrincipalByGroupName(Integer.toString(identity.gid())));
        return channel -> {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return expected.equals(peer) ? null
                    : "peer " + peer.user().getName() + ":" + peer.group().getName() + " is not the agent's own "
                    + identity;
        };
    }

    /** Decides whether a connected peer may be its socket's agent. */
    @FunctionalInterface
    public interface PeerCheck {
        /** Why {@code channel}'s peer is refused, or null when it is the agent. */
        String refusal(SocketChannel channel) throws IOException;
    }
}
