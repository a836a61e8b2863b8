package dev.airlock.core.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The far end of every agent's pipe (the gate). A launcher asks it to listen before a compartment starts, and is
 * told when an agent's hello arrives, which is what "ready" means.
 */
public interface AgentPipes {

    /**
     * Listens for exactly {@code agentId} on a socket inside {@code directory}, which this call creates. The
     * directory and socket belong to {@code identity} alone, and only a peer with that identity is served.
     */
    void listenUnix(String agentId, Path directory, AgentIdentity identity) throws IOException;

    /** Serves {@code agentId} over its compartment's attached stdio. */
    void attach(String agentId, SandboxStreams streams);
}
