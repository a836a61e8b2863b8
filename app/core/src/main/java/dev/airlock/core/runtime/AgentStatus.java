package dev.airlock.core.runtime;

/** Where one agent's life stands, for status lines and final tables. */
public record AgentStatus(String agentId, State state, int restarts, String detail, double readyMillis) {

    public enum State { STARTING, READY, RESTARTING, EXITED, FAILED, STOPPED }
}
