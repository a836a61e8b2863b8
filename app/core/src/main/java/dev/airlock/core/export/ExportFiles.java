package dev.airlock.core.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts an export in place all at once: everything is written to a temporary sibling of the target first and then
 * moved over it, so a failure (a full disk, a denied directory) leaves the target as it was and no partial file
 * behind. Same directory means same file system, so the move is a rename.
 */
public final class ExportFiles {

    private ExportFiles() {
    }

    /** Writes one file to {@code target}, replacing a regular file there. */
    public static void writeFile(ExportedFile file, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a directory");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is not a regular file");
        }
        Path parent = parentOf(absolute);
        Path temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(temp, file.content());
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes every file under the directory {@code target}, which must not exist yet or be empty: an export never
     * mixes with files it did not write.
     */
    public static void writeTree(ExportResult result, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(target.toString());
            }
            try (Stream<Path> entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(target.toString(), null, "is not empty");
                }
            }
        }
        Path temp = Files.createTempDirectory(parentOf(absolute), "." + absolute.getFileName());
        try {
            for (ExportedFile f : result.files()) {
                Path file = temp.resolve(f.path());
                Files.createDirectories(file.getParent());
                Files.write(file, f.content());
            }
            Files.deleteIfExists(absolute);
            move(temp, absolute);
        } finally {
            deleteTree(temp);
        }
    }

    private static Path parentOf(Path absolute) throws NoSuchFileException {
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(String.valueOf(parent), null, "directory does not exist");
        }
        return parent;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
