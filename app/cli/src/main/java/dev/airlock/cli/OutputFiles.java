package dev.airlock.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a file a command is told to write before anything starts, so a wrong path is a usage error and not an
 * internal one half-way through a run. Records written as a run goes (events, captures) stay at the named path so
 * a crash keeps them; only regular files qualify, since a device or a pipe with no reader would swallow or block.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param option the option that named the file, for the message ({@code --events})
     * @param replace whether an existing file may be written over
     */
    static void check(String option, Path file, boolean replace) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UserError(option + ": " + file + " is a directory; name a file to write");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(option + ": " + file + " is not a regular file; name a file to write");
            }
            if (!replace) {
                throw new UserError(option + ": " + file + " exists; name a new file (it is never written over)");
            }
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError(option + ": cannot write " + file + ": directory " + parent + " does not exist");
        }
    }

    /** One line for a file that could not be opened for writing after all. */
    static UserError cannotWrite(String option, Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "directory " + file.toAbsolutePath().getParent() + " does not exist"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage();
        return new UserError(option + ": cannot write " + file + ": " + why);
    }
}
