package dev.airlock.core.runtime;

import dev.airlock.core.topology.RestartPolicy;

/** One agent to start: its compartment and what to do when it exits on its own. */
public record AgentLaunch(SandboxRequest request, RestartPolicy restart) {

    public AgentLaunch {
        restart = restart == null ? RestartPolicy.NEVER : restart;
    }

    public String agentId() {
        return request.agentId();
    }
}
