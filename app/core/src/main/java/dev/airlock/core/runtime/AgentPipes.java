package dev.airlock.core.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The far end of every agent's pipe (the gate). A launcher asks it to listen before a compartment starts, and is
 * told when an agent's hello arrives, which is what "ready" means.
 */
public interface AgentPipes {

    /** The group the compartment's user belongs to; the socket and its directory are shared with it only. */
    int PIPE_GROUP = 65534;

    /** Listens for exactly {@code agentId} on a socket inside {@code directory}, which this call creates. */
    void listenUnix(String agentId, Path directory) throws IOException;

    /** Serves {@code agentId} over its compartment's attached stdio. */
    void attach(String agentId, SandboxStreams streams);
}
