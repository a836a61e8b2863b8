package dev.airlock.core.runtime;

import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to start one compartment. {@code overrides} are the topology's explicit loosenings (already
 * reported as risks by the validator); everything else is hardened. {@code pipeDirectory} is the host directory
 * holding this agent's socket, mounted read-only at {@link #PIPE_MOUNT}; null in stdio mode. {@code identity} is
 * the uid:gid the compartment runs as; null lets the runtime give it one of its own.
 */
public record SandboxRequest(
        String runId,
        String agentId,
        String image,
        List<String> command,
        Map<String, String> env,
        Resources resources,
        SandboxOverrides overrides,
        Path pipeDirectory,
        AgentIdentity identity) {

    public static final String PIPE_MOUNT = "/run/airlock";
    public static final String GATE_ENV = "AIRLOCK_GATE";
    public static final String AGENT_ENV = "AIRLOCK_AGENT";

    public SandboxRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        resources = resources == null ? Resources.DEFAULT : resources;
        overrides = overrides == null ? SandboxOverrides.NONE : overrides;
    }

    /** A request the runtime gives an identity of its own. */
    public SandboxRequest(String runId, String agentId, String image, List<String> command, Map<String, String> env,
                          Resources resources, SandboxOverrides overrides, Path pipeDirectory) {
        this(runId, agentId, image, command, env, resources, overrides, pipeDirectory, null);
    }

    public SandboxRequest withPipeDirectory(Path directory) {
        return new SandboxRequest(runId, agentId, image, command, env, resources, overrides, directory, identity);
    }

    public SandboxRequest withCommand(List<String> command) {
        return new SandboxRequest(runId, agentId, image, command, env, resources, overrides, pipeDirectory, identity);
    }

    public SandboxRequest withIdentity(AgentIdentity identity) {
        return new SandboxRequest(runId, agentId, image, command, env, resources, overrides, pipeDirectory, identity);
    }
}
