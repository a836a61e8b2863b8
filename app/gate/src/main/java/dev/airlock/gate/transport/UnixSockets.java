package dev.airlock.gate.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the per-agent socket the way a non-root container user can reach it: directory 0750 and socket 0660,
 * both group-owned by the container's group. A JVM running as root with umask 022 would otherwise make a socket
 * that uid 65534 cannot connect to.
 */
public final class UnixSockets {

    public static final String SOCKET_NAME = "gate.sock";
    private static final int MAX_PATH = 107;

    private UnixSockets() {
    }

    public static ServerSocketChannel bind(Path directory, int groupId) throws IOException {
        Path socket = directory.resolve(SOCKET_NAME).toAbsolutePath();
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
            throw new IOException("socket path is longer than " + MAX_PATH + " bytes: " + socket);
        }
        Files.createDirectories(directory);
        GroupPrincipal group = groupById(directory, groupId);
        setGroupAndMode(directory, group, "rwxr-x---");
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            setGroupAndMode(socket, group, "rw-rw----");
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void setGroupAndMode(Path path, GroupPrincipal group, String mode) throws IOException {
        // Following links is deliberate: with NOFOLLOW_LINKS the JDK opens the file to fchmod it, which a socket
        // refuses (ENXIO). The path is one we just created inside a directory only we can write.
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setGroup(group);
        view.setPermissions(PosixFilePermissions.fromString(mode));
    }

    /**
     * The group with this numeric id. The JDK's lookup accepts a decimal string as a gid when no group of that name
     * exists, which also covers gids with no entry in this host's /etc/group (the container's own).
     */
    static GroupPrincipal groupById(Path anyPath, int gid) throws IOException {
        return anyPath.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(
                Integer.toString(gid));
    }
}
