package dev.airlock.core.runtime;

import dev.airlock.core.topology.SandboxOverrides;

import java.util.List;

/**
 * Runs agents in locked-down compartments. The engine behind it (Docker, Podman, a cluster) is the
 * implementation's business; callers see compartments, exits and events. Closing the runtime stops and removes
 * every compartment it started and releases its connection to the engine.
 */
public interface SandboxRuntime extends AutoCloseable {

    /** Label key naming the run every created object belongs to. */
    String LABEL_RUN = "airlock.run";
    /** Label key naming the agent a container runs. */
    String LABEL_AGENT = "airlock.agent";
    /** Label key holding {@code host:pid} of the process that created the object, for the reaper. */
    String LABEL_OWNER = "airlock.owner";
    /** Label key present (value {@code true}) on everything Airlock creates. */
    String LABEL_MANAGED = "airlock.managed";

    EngineInfo engine();

    /**
     * The uid:gid a compartment runs as: the topology's numeric {@code sandbox.user} if it names one, else one of
     * its own that no host account and no other compartment of this runtime uses.
     *
     * @throws SandboxException when the override is not numeric
     */
    AgentIdentity identityFor(SandboxOverrides overrides);

    /**
     * Creates and starts one compartment; returns once the engine reports it running. A request without an
     * identity gets one from {@link #identityFor}.
     */
    Sandbox launch(SandboxRequest request);

    /**
     * Removes compartments, pipe directories and temporary images left by Airlock processes on this host that are
     * no longer alive (killed with -9, crashed). Safe to call while other live Airlock processes run.
     */
    List<String> reapLeftovers();

    @Override
    void close();
}
