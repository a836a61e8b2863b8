package dev.airlock.cli;

import dev.airlock.cli.plugins.PluginModels;
import dev.airlock.cli.plugins.PluginTools;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.AgentPipes;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxStreams;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateOptions;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.Launcher;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.AgentLayerImage;
import dev.airlock.sandbox.images.ClassJar;
import dev.airlock.sandbox.images.ImageBuilder;
import dev.airlock.sandbox.images.ProbeImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One launched topology: the gate, a compartment per agent wired to it, and everything to take down again. The
 * gate tells the launcher when an agent's hello arrived (its readiness). Closing is idempotent and leaves nothing:
 * containers, pipe directories and the run's temporary images go.
 */
final class LaunchSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchSession.class);
    static final String DEFAULT_IMAGE = AgentJavaImage.TAG;

    /** How to run; {@code baseDir} resolves agents' {@code build.path}. */
    record Options(Path baseDir, GateOptions.Builder gate, Duration readyTimeout, Duration statsInterval,
                   Duration grace, ImageBuilder.Progress progress) {
    }

    final String runId = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Topology topology;
    private final Options options;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final List<String> temporaryImages = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private DockerSandboxRuntime runtime;
    private Gate gate;
    private Launcher launcher;
    private Path runDir;
    private Path workspace;
    private ToolServers servers;
    private PluginTools tools;
    private PluginModels models;

    private LaunchSession(Topology topology, Options options, EventSink events) {
        this.topology = topology;
        this.options = options;
        sinks.add(events);
    }

    /** Connects, removes leftovers of dead runs, builds missing images, opens the gate. Nothing started yet. */
    static LaunchSession open(Topology topology, Options options, EventSink events) {
        LaunchSession s = new LaunchSession(topology, options, events);
        try {
            s.prepare();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void prepare() {
        EventSink fanOut = this::publish;
        runtime = ProbeCommand.connect(fanOut, options.statsInterval());
        List<String> reaped = runtime.reapLeftovers();
        if (!reaped.isEmpty()) {
            options.progress().step("removed " + reaped.size() + " leftovers of dead runs");
        }
        ensureImages();
        runDir = runtime.directories().createRun(runId);
        try {
            workspace = Files.createTempDirectory("airlock-" + runId + "-tools");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run's tool workspace", e);
        }
        servers = new ToolServers(runId, topology.defaults(), fanOut);
        tools = new PluginTools(options.baseDir(), workspace, servers);
        models = new PluginModels(options.baseDir());
        gate = Gate.start(topology, options.gate().events(fanOut).tools(tools).models(models).build());
        launcher = new Launcher(runtime, new GatePipes(gate), fanOut, options.readyTimeout(), runDir,
                options.grace());
    }

    Gate gate() {
        return gate;
    }

    Launcher launcher() {
        return launcher;
    }

    DockerSandboxRuntime runtime() {
        return runtime;
    }

    void addSink(EventSink sink) {
        sinks.add(sink);
    }

    /**
     * Every event of the run, sandbox and gate alike; a hello the gate accepted makes the agent ready, and what agents
     * print is masked like a pipe's content before anyone sees it.
     */
    private void publish(AirlockEvent event) {
        if (event instanceof GateDecision d && d.frame().equals("hello") && d.delivered() && launcher != null) {
            launcher.helloReceived(d.agent());
        }
        if (event instanceof SandboxOutput o) {
            event = OutputRedaction.redact(o);
        }
        for (EventSink sink : sinks) {
            try {
                sink.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("event sink failed: {}", e.toString());
            }
        }
    }

    /** Starts every agent in parallel; completes when all are ready. */
    CompletableFuture<Void> start() {
        List<AgentLaunch> launches = new ArrayList<>();
        for (AgentSpec a : topology.agents()) {
            SandboxRequest request = new SandboxRequest(runId, a.id(), imageOf(a), a.command(), a.env(),
                    a.effectiveResources(topology.defaults()), a.sandbox(), null);
            launches.add(new AgentLaunch(request, a.restart()));
        }
        return launcher.start(launches);
    }

    private String imageOf(AgentSpec a) {
        if (a.build() != null) {
            return layerTag(a);
        }
        return a.image() == null || a.image().isBlank() ? DEFAULT_IMAGE : a.image();
    }

    private String layerTag(AgentSpec a) {
        return "airlock-run/" + runId + "-" + a.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
    }

    private void ensureImages() {
        Set<String> builtIn = new LinkedHashSet<>();
        for (AgentSpec a : topology.agents()) {
            String base = a.build() != null && a.build().base() != null ? a.build().base() : imageOf(a);
            if (a.build() != null && a.build().base() == null) {
                base = DEFAULT_IMAGE;
            }
            if (base.equals(ProbeImage.TAG) || base.equals(AgentJavaImage.TAG)) {
                builtIn.add(base);
            } else if (!runtime.hasImage(base)) {
                throw new UserError("agent '" + a.id() + "': image '" + base + "' is not in the engine and Airlock "
                        + "cannot build it offline (use " + AgentJavaImage.TAG + " or " + ProbeImage.TAG
                        + ", or 'build:' with a jar)");
            }
        }
        for (ToolSpec t : topology.tools()) {
            if (t.type() == ToolType.MCP && t.image() != null && !t.image().equals(McpDemoImage.TAG)
                    && !runtime.hasImage(t.image())) {
                throw new UserError("tool '" + t.id() + "': image '" + t.image() + "' is not in the engine and Airlock "
                        + "cannot build it offline (use " + McpDemoImage.TAG + ")");
            }
        }
        if (topology.tools().stream().anyMatch(t -> McpDemoImage.TAG.equals(t.image()))) {
            builtIn.add(McpDemoImage.TAG);
        }
        ImagesCommand.ensure(runtime, builtIn);
        ImageBuilder builder = new ImageBuilder(runtime.client());
        for (AgentSpec a : topology.agents()) {
            if (a.build() == null) {
                continue;
            }
            Path material = options.baseDir().resolve(a.build().path());
            String base = a.build().base() == null ? DEFAULT_IMAGE : a.build().base();
            try {
                String tag = layerTag(a);
                builder.ensure(new AgentLayerImage(tag, base, ClassJar.entriesOf(material)), options.progress(),
                        ImageBuilder.temporaryLabels(runId));
                temporaryImages.add(tag);
            } catch (IOException e) {
                throw new UserError("agent '" + a.id() + "': cannot read build.path " + material + ": "
                        + e.getMessage());
            } catch (SandboxException e) {
                throw new UserError("agent '" + a.id() + "': " + e.getMessage());
            }
        }
    }

    /** Stops agents (SIGTERM, grace, kill), closes the gate, removes containers, pipe directories, images. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (launcher != null) {
            launcher.close();
        }
        if (gate != null) {
            gate.close();
        }
        if (models != null) {
            models.close();
        }
        if (tools != null) {
            tools.close();
        }
        if (servers != null) {
            servers.close();
        }
        if (workspace != null) {
            deleteTree(workspace);
        }
        if (runtime != null) {
            for (String image : temporaryImages) {
                try {
                    runtime.removeImage(image);
                } catch (RuntimeException e) {
                    LOG.warn("could not remove image {}: {}", image, e.toString());
                }
            }
            runtime.directories().removeRun(runId);
            runtime.close();
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", root, e.toString());
        }
    }

    /** The gate as the launcher's pipe end. */
    private record GatePipes(Gate gate) implements AgentPipes {
        @Override
        public void listenUnix(String agentId, Path directory) throws IOException {
            gate.listenUnix(agentId, directory, PIPE_GROUP);
        }

        @Override
        public void attach(String agentId, SandboxStreams streams) {
            gate.attachStream(agentId, streams.fromAgent(), streams.toAgent());
        }
    }
}
