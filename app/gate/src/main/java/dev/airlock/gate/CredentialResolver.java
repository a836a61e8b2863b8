package dev.airlock.gate;

import dev.airlock.core.topology.CredentialRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a real credential (a model API key) in the gate's own process. Its value goes to a model backend inside
 * the gate, never into a frame, a container, an event or a log.
 */
@FunctionalInterface
public interface CredentialResolver {

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
        return Files.readString(Path.of(ref.file())).strip();
    };

    String resolve(CredentialRef ref) throws IOException;
}
