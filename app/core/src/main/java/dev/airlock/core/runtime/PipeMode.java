package dev.airlock.core.runtime;

/** How an agent's one pipe reaches the gate. */
public enum PipeMode {
    /** A Unix socket in a directory bind-mounted into the compartment; needs an engine on the host's kernel. */
    UNIX_SOCKET,
    /** The compartment's attached stdin/stdout through the engine's API; works with engines in a VM. */
    ATTACHED_STDIO
}
