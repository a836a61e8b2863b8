package dev.airlock.run;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.tool.ServerLauncher;
import dev.airlock.core.topology.Topology;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's agents and tool servers live: a sandbox runtime plus what a run needs around it (images, pipe
 * directories, servers for MCP tools). Docker is the real one ({@link dev.airlock.run.docker.DockerCompartments});
 * the run engine sees only this port, so it can be tested with compartments that are threads.
 */
public interface Compartments extends AutoCloseable {

    SandboxRuntime runtime();

    /** Removes what dead runs left behind; returns a line per object removed. */
    List<String> reapLeftovers();

    /**
     * Makes sure every image the topology names is there, building Airlock's own offline; agents with a
     * {@code build:} get an image of their own for this run, removed on {@link #close()}.
     *
     * @return the image to start each agent from, by agent id
     * @throws RunException when an image is missing and cannot be built here
     */
    java.util.Map<String, String> prepareImages(Topology topology, Path baseDir, String runId, Progress progress);

    /** Creates the directory for the run's pipe sockets. */
    Path createRunDirectory(String runId);

    void removeRunDirectory(String runId);

    /** Starts tool servers (MCP) in compartments of their own; they go when the returned launcher closes. */
    Servers toolServers(String runId, Topology topology, EventSink events);

    /** Releases the runtime and everything the run created through it. */
    @Override
    void close();

    /** Opens compartments whose runtime reports to {@code events} (exits, stats, output). */
    @FunctionalInterface
    interface Factory {
        Compartments open(EventSink events);
    }

    /** A {@link ServerLauncher} that owns what it started. */
    interface Servers extends ServerLauncher, AutoCloseable {
        @Override
        void close();
    }

    /** One step of slow preparation (an image build), for a progress display. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = line -> { };

        void step(String line);
    }
}
