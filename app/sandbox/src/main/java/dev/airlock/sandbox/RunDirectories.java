package dev.airlock.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Host directories holding the agents' pipe sockets: {@code BASE/RUN/AGENT/gate.sock}. Each run directory has an
 * {@code owner} file so that the reaper can remove the directories of a process that died. Paths stay short
 * because a Unix socket path is limited to 108 bytes.
 */
public final class RunDirectories {

    static final String OWNER_FILE = "owner";

    private final Path base;

    public RunDirectories(Path base) {
        this.base = base;
    }

    /** {@code $XDG_RUNTIME_DIR/airlock} when set, else {@code /tmp/airlock-USER}. */
    public static RunDirectories standard() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new RunDirectories(Path.of(runtime, "airlock"));
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new RunDirectories(Path.of(System.getProperty("java.io.tmpdir"), "airlock-" + user));
    }

    public Path base() {
        return base;
    }

    /** Creates the run's directory (0711: the engine and the pipe's group may pass, nobody may list). */
    public Path createRun(String runId) {
        try {
            Files.createDirectories(base);
            Path run = base.resolve(runId);
            Files.createDirectory(run);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
            Files.writeString(run.resolve(OWNER_FILE), Owner.current().toString(), StandardCharsets.UTF_8);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory under " + base + ": " + e.getMessage(), e);
        }
    }

    /** The directory name for an agent's pipe: its id, shortened and made path-safe, plus its index. */
    public static String agentDirectoryName(int index, String agentId) {
        String safe = agentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return index + "-" + (safe.length() > 24 ? safe.substring(0, 24) : safe);
    }

    /**
     * An agent's pipe directory with the gate's permission recipe (0750, group {@code groupId}) and nothing in it:
     * for compartments that get the agents' exact mount but talk to no gate (probes).
     */
    public static Path createAgentDirectory(Path run, String name, int groupId) {
        try {
            Path dir = Files.createDirectory(run.resolve(name));
            Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(
                    dir.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByGroupName(String.valueOf(groupId)));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + run.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    public void removeRun(String runId) {
        deleteTree(base.resolve(runId));
    }

    /** Removes run directories whose owner process has died; returns their paths. */
    public List<Path> reap() {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return removed;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(base)) {
            for (Path run : runs) {
                Optional<Owner> owner = readOwner(run);
                if (owner.isPresent() && owner.get().isDead()) {
                    deleteTree(run);
                    removed.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static Optional<Owner> readOwner(Path run) {
        try {
            return Owner.parse(Files.readString(run.resolve(OWNER_FILE), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
