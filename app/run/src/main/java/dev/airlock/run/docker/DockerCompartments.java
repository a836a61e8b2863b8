package dev.airlock.run.docker;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Compartments;
import dev.airlock.run.RunException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.images.AgentLayerImage;
import dev.airlock.sandbox.images.ClassJar;
import dev.airlock.sandbox.images.ImageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compartments on a Docker engine: hardened containers through {@link DockerSandboxRuntime}, Airlock's images built
 * offline, a run's own layer images for agents with {@code build:}, and MCP tool servers in containers too.
 */
public final class DockerCompartments implements Compartments {

    private static final Logger LOG = LoggerFactory.getLogger(DockerCompartments.class);

    private final DockerSandboxRuntime runtime;
    private final List<String> temporaryImages = new ArrayList<>();

    private DockerCompartments(DockerSandboxRuntime runtime) {
        this.runtime = runtime;
    }

    /** Connects to the engine this machine is configured for when a run opens; one clear line if none answers. */
    public static Compartments.Factory factory(Duration statsInterval) {
        return events -> new DockerCompartments(connect(events, statsInterval));
    }

    /**
     * As {@link #factory(Duration)}, looking for the engine where {@code env} says ({@code DOCKER_HOST}, …) rather
     * than this process's environment.
     */
    public static Compartments.Factory factory(Duration statsInterval, Map<String, String> env) {
        return events -> {
            try {
                return new DockerCompartments(DockerSandboxRuntime.connect(events, statsInterval, env));
            } catch (EngineUnavailableException e) {
                throw new RunException(e.getMessage());
            }
        };
    }

    static DockerSandboxRuntime connect(EventSink events, Duration statsInterval) {
        try {
            return DockerSandboxRuntime.connect(events, statsInterval);
        } catch (EngineUnavailableException e) {
            throw new RunException(e.getMessage());
        }
    }

    @Override
    public SandboxRuntime runtime() {
        return runtime;
    }

    @Override
    public List<String> reapLeftovers() {
        return runtime.reapLeftovers();
    }

    @Override
    public Map<String, String> prepareImages(Topology topology, Path baseDir, String runId, Progress progress) {
        Set<String> builtIn = new LinkedHashSet<>();
        for (AgentSpec a : topology.agents()) {
            String base = baseImage(a);
            if (SandboxImages.ALL.contains(base)) {
                builtIn.add(base);
            } else if (!runtime.hasImage(base)) {
                throw new RunException("agent '" + a.id() + "': image '" + base + "' is not in the engine and "
                        + "Airlock cannot build it offline (use " + SandboxImages.AGENT_JAVA + " or "
                        + SandboxImages.PROBE + ", or 'build:' with a jar)");
            }
        }
        for (ToolSpec t : topology.tools()) {
            if (t.type() == ToolType.MCP && t.image() != null) {
                if (t.image().equals(SandboxImages.MCP_DEMO)) {
                    builtIn.add(SandboxImages.MCP_DEMO);
                } else if (!runtime.hasImage(t.image())) {
                    throw new RunException("tool '" + t.id() + "': image '" + t.image() + "' is not in the engine "
                            + "and Airlock cannot build it offline (use " + SandboxImages.MCP_DEMO + ")");
                }
            }
        }
        SandboxImages.ensure(runtime, builtIn, progress);
        Map<String, String> images = new LinkedHashMap<>();
        ImageBuilder builder = new ImageBuilder(runtime.client());
        for (AgentSpec a : topology.agents()) {
            if (a.build() == null) {
                images.put(a.id(), baseImage(a));
                continue;
            }
            Path material = baseDir.resolve(a.build().path());
            String tag = "airlock-run/" + runId + "-" + a.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
            try {
                builder.ensure(new AgentLayerImage(tag, baseImage(a), ClassJar.entriesOf(material)), progress::step,
                        ImageBuilder.temporaryLabels(runId));
            } catch (IOException e) {
                throw new RunException("agent '" + a.id() + "': cannot read build.path " + material + ": "
                        + e.getMessage());
            } catch (SandboxException e) {
                throw new RunException("agent '" + a.id() + "': " + e.getMessage());
            }
            temporaryImages.add(tag);
            images.put(a.id(), tag);
        }
        return images;
    }

    /** The image an agent starts from, or builds its layer on. */
    private static String baseImage(AgentSpec a) {
        String named = a.build() != null ? a.build().base() : a.image();
        return named == null || named.isBlank() ? SandboxImages.AGENT_JAVA : named;
    }

    @Override
    public Path createRunDirectory(String runId) {
        try {
            return runtime.directories().createRun(runId);
        } catch (UncheckedIOException e) {
            throw new RunException(e.getMessage());
        }
    }

    @Override
    public void removeRunDirectory(String runId) {
        runtime.directories().removeRun(runId);
    }

    /**
     * Tool servers for a gate that has no compartments of its own ({@code airlock gate}): the engine is reached only
     * when a server is first needed, so a gate where none answers still serves everything else.
     */
    public static Servers serversFor(String gateId, Topology topology, EventSink events) {
        return new ToolServers(gateId, topology.defaults(), events);
    }

    @Override
    public Servers toolServers(String runId, Topology topology, EventSink events) {
        return new ToolServers(runId, topology.defaults(), events);
    }

    @Override
    public void close() {
        for (String image : temporaryImages) {
            try {
                runtime.removeImage(image);
            } catch (RuntimeException e) {
                LOG.warn("could not remove image {}: {}", image, e.toString());
            }
        }
        runtime.close();
    }
}
