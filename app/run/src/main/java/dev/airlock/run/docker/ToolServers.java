package dev.airlock.run.docker;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxStreams;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.topology.Defaults;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.run.Compartments;
import dev.airlock.sandbox.DockerSandboxRuntime;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts tool servers (MCP) for a run, each in a container under the same hardening profile as the agents. Their
 * only channel is the container's attached stdio, whatever pipe transport the agents use, so this keeps a runtime
 * of its own with the stdio transport. Everything it started goes when the run closes.
 */
final class ToolServers implements Compartments.Servers {

    private final String runId;
    private final Defaults defaults;
    private final EventSink events;
    private final List<Sandbox> started = new ArrayList<>();
    private DockerSandboxRuntime runtime;

    ToolServers(String runId, Defaults defaults, EventSink events) {
        this.runId = runId;
        this.defaults = defaults;
        this.events = events;
    }

    @Override
    public synchronized LaunchedServer launch(ToolSpec spec) throws ToolException {
        if (runtime == null) {
            try {
                runtime = DockerSandboxRuntime.connect(events, Duration.ZERO, "stdio");
            } catch (EngineUnavailableException e) {
                throw ToolException.failed("tool '" + spec.id() + "' runs in a container, and no engine answers "
                        + "here: " + e.getMessage());
            }
        }
        Sandbox sandbox;
        try {
            sandbox = runtime.launch(new SandboxRequest(runId, "tool-" + spec.id(), spec.image(), spec.command(),
                    Map.of(), defaults.resources(), SandboxOverrides.NONE, null));
        } catch (SandboxException e) {
            throw ToolException.failed("tool '" + spec.id() + "': " + e.getMessage());
        }
        started.add(sandbox);
        SandboxStreams streams = sandbox.stdio().orElseThrow(() -> {
            sandbox.close();
            return new IllegalStateException("a stdio runtime always attaches stdio");
        });
        return new LaunchedServer() {
            @Override
            public OutputStream input() {
                return streams.toAgent();
            }

            @Override
            public InputStream output() {
                return streams.fromAgent();
            }

            @Override
            public void close() {
                sandbox.close();
            }
        };
    }

    @Override
    public synchronized void close() {
        started.forEach(Sandbox::close);
        started.clear();
        if (runtime != null) {
            runtime.close();
        }
    }
}
