package dev.airlock.gate;

import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.topology.CredentialRef;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a real credential (a model API key) in the gate's own process. Its value goes to a model backend inside
 * the gate, never into a frame, a container, an event or a log.
 */
@FunctionalInterface
public interface CredentialResolver {

    /** A key, a token or a PEM block; far more is a wrong path. */
    int MAX_FILE_BYTES = 64 * 1024;

    /** Environment variables of the gate process, or the first line of a file. */
    CredentialResolver DEFAULT = ref -> {
        if (ref == null) {
            return null;
        }
        if (ref.env() != null) {
            String v = System.getenv(ref.env());
            if (v == null) {
                throw new IOException("environment variable " + ref.env() + " is not set");
            }
            return v;
        }
        try {
            return BoundedFiles.readText(Path.of(ref.file()), MAX_FILE_BYTES, "a credential file").strip();
        } catch (UnreadableFileException e) {
            throw new IOException(e.getMessage());
        }
    };

    String resolve(CredentialRef ref) throws IOException;
}
