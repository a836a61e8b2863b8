package dev.airlock.sandbox;

import dev.airlock.core.runtime.AgentIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Host directories holding the agents' pipe sockets: {@code BASE/RUN/AGENT/gate.sock}. Each run directory has an
 * {@code owner} file so that the reaper can remove the directories of a process that died. Paths stay short
 * because a Unix socket path is limited to 108 bytes.
 */
public final class RunDirectories {

    static final String OWNER_FILE = "owner";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path base;

    public RunDirectories(Path base) {
        this.base = base;
    }

    /** {@code $XDG_RUNTIME_DIR/airlock} when set, else {@code /tmp/airlock-USER}. */
    public static RunDirectories standard() {
        return standard(System.getenv());
    }

    /** As {@link #standard()}, reading {@code XDG_RUNTIME_DIR} from {@code env}. */
    public static RunDirectories standard(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new RunDirectories(Path.of(runtime, "airlock"));
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new RunDirectories(Path.of(System.getProperty("java.io.tmpdir"), "airlock-" + user));
    }

    public Path base() {
        return base;
    }

    /**
     * Creates the run's directory (0700: the engine mounts agent directories by path as root, and nobody else may
     * list or enter it) inside a base that is checked to be this user's private directory every time.
     */
    public Path createRun(String runId) {
        try {
            Path run = privateBase().resolve(runId);
            Files.createDirectory(run, PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.writeString(run.resolve(OWNER_FILE), Owner.current().toString(), StandardCharsets.UTF_8);
            return run;
        } catch (UnsafeBaseException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory under " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * The base, created private if missing. A base that is a link, not a directory, or someone else's is refused:
     * whoever owns it could swap a live run's directory for their own. One of ours that others may enter is
     * closed (an older Airlock made it 0755).
     */
    private Path privateBase() throws IOException {
        Files.createDirectories(base.getParent());
        try {
            Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            // Checked below like any existing base.
        }
        PosixFileAttributes a = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Optional<String> unsafe = unsafe(a);
        if (unsafe.isPresent()) {
            throw new UnsafeBaseException(unsafe.get());
        }
        if (!a.permissions().equals(PRIVATE)) {
            Files.setPosixFilePermissions(base, PRIVATE);
        }
        return base;
    }

    /**
     * Why {@link #createRun} would refuse this base, found without creating or changing anything; empty when runs
     * can start (a missing base is created private, an open one of ours is closed, at the next run).
     */
    public Optional<String> problem() {
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return unsafe(Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.of("cannot read " + base + ": " + e.getMessage());
        }
    }

    private Optional<String> unsafe(PosixFileAttributes a) throws IOException {
        if (a.isSymbolicLink() || !a.isDirectory()) {
            return Optional.of(base + " is " + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + "; Airlock keeps its agents' sockets only in a private directory of its own. Remove it, or set "
                    + "XDG_RUNTIME_DIR to a directory only you can enter");
        }
        if (!ownedByThisProcess(a)) {
            return Optional.of(base + " belongs to " + a.owner().getName() + ", not to this user; "
                    + "whoever owns it could replace a live run's sockets. Remove it, or set XDG_RUNTIME_DIR to a "
                    + "directory only you can enter");
        }
        return Optional.empty();
    }

    private boolean ownedByThisProcess(PosixFileAttributes a) throws IOException {
        OptionalInt uid = ThisProcess.uid();
        if (uid.isPresent()) {
            return uid.getAsInt() == (Integer) Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
        return a.owner().getName().equals(System.getProperty("user.name"));
    }

    /** The directory name for an agent's pipe: its id, shortened and made path-safe, plus its index. */
    public static String agentDirectoryName(int index, String agentId) {
        String safe = agentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return index + "-" + (safe.length() > 24 ? safe.substring(0, 24) : safe);
    }

    /**
     * An agent's pipe directory with the gate's recipe (0700, owned by the agent's identity) and nothing in it:
     * for compartments that get the agents' exact mount but talk to no gate (probes).
     */
    public static Path createAgentDirectory(Path run, String name, AgentIdentity identity) {
        try {
            Path dir = Files.createDirectory(run.resolve(name), PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.setAttribute(dir, "unix:gid", identity.gid());
            Files.setAttribute(dir, "unix:uid", identity.uid());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + run.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    public void removeRun(String runId) {
        deleteTree(base.resolve(runId));
    }

    /**
     * Removes run directories whose owner process has died; returns their paths. A base that fails {@link #problem}
     * is not walked: through a link, or in another user's directory, the runs found are not this user's to judge.
     */
    public List<Path> reap() {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS) || problem().isPresent()) {
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
