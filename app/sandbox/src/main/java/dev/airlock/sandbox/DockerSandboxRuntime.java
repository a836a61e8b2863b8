package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.event.SandboxStarted;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxStreams;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.topology.SandboxOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link SandboxRuntime} on a Docker-compatible engine through docker-java. */
public final class DockerSandboxRuntime implements SandboxRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSandboxRuntime.class);
    /** Label on images Airlock built for one run only; the reaper removes them with the run. */
    public static final String LABEL_TEMPORARY = "airlock.temporary";

    private final DockerEngine engine;
    private final EventSink events;
    private final Duration statsInterval;
    private final RunDirectories directories;
    private final AgentIdentities identities = AgentIdentities.forThisHost();
    private final Set<DockerSandbox> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DockerSandboxRuntime(DockerEngine engine, EventSink events, Duration statsInterval,
                                 RunDirectories directories) {
        this.engine = engine;
        this.events = events;
        this.statsInterval = statsInterval;
        this.directories = directories;
    }

    /**
     * Connects to the first engine that answers (see {@link EngineCandidates}).
     *
     * @param statsInterval how often to publish each container's CPU/memory sample; zero for never
     * @throws dev.airlock.core.runtime.EngineUnavailableException listing what was tried
     */
    public static DockerSandboxRuntime connect(EventSink events, Duration statsInterval) {
        return new DockerSandboxRuntime(DockerEngine.discover(), events, statsInterval, RunDirectories.standard());
    }

    /** As {@link #connect(EventSink, Duration)} with the pipe transport forced ({@code unix} or {@code stdio}). */
    public static DockerSandboxRuntime connect(EventSink events, Duration statsInterval, String forcedPipe) {
        return new DockerSandboxRuntime(DockerEngine.discover(EngineCandidates.ofThisProcess().list(), forcedPipe),
                events, statsInterval, RunDirectories.standard());
    }

    /**
     * As {@link #connect(EventSink, Duration)}, looking for the engine and the pipe directory where {@code env} says ({@code DOCKER_HOST},
     * {@code XDG_RUNTIME_DIR}, {@code AIRLOCK_PIPE}) rather than this process's environment.
     */
    public static DockerSandboxRuntime connect(EventSink events, Duration statsInterval, Map<String, String> env) {
        EngineCandidates candidates = new EngineCandidates(env, Path.of(System.getProperty("user.home")));
        return new DockerSandboxRuntime(DockerEngine.discover(candidates.list(), env.get(DockerEngine.PIPE_ENV)),
                events, statsInterval, RunDirectories.standard(env));
    }

    /** What the engine can enforce of the hardening profile; asks the engine each time. */
    public EngineFeatures features() {
        return EngineFeatures.of(engine.client().infoCmd().exec());
    }

    /** The engine client, for the image builder; owned by this runtime. */
    public DockerClient client() {
        return engine.client();
    }

    public boolean hasImage(String image) {
        try {
            engine.client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Removes an image Airlock built for one run; one that is gone already counts as removed. */
    public void removeImage(String image) {
        try {
            engine.client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // Gone already.
        }
    }

    public RunDirectories directories() {
        return directories;
    }

    @Override
    public EngineInfo engine() {
        return engine.info();
    }

    @Override
    public AgentIdentity identityFor(SandboxOverrides overrides) {
        return identities.identityFor(overrides);
    }

    @Override
    public Sandbox launch(SandboxRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("runtime is closed");
        }
        if (request.identity() == null) {
            request = request.withIdentity(identityFor(request.overrides()));
        }
        PipeMode mode = engine.info().pipeMode();
        HardeningProfile profile = HardeningProfile.of(request, mode, Owner.current().toString());
        DockerClient client = engine.client();
        long begin = System.nanoTime();
        String containerId;
        try {
            CreateContainerCmd create = client.createContainerCmd(request.image())
                    .withName(containerName(request));
            containerId = DockerHardening.apply(profile, create).exec().getId();
        } catch (NotFoundException e) {
            throw new SandboxException("image '" + request.image() + "' is not in the engine; build it first "
                    + "('airlock images build') or name an image that exists");
        } catch (RuntimeException e) {
            throw new SandboxException("cannot create the sandbox of agent '" + request.agentId() + "': "
                    + firstLine(e), e);
        }
        StdioPipe stdio = null;
        OutputTap output = null;
        DockerSandbox sandbox = null;
        try {
            if (mode == PipeMode.ATTACHED_STDIO) {
                stdio = StdioPipe.attach(client, containerId, request.agentId());
            }
            output = OutputTap.attach(client, containerId, mode != PipeMode.ATTACHED_STDIO);
            DockerSandbox created = new DockerSandbox(client, request.runId(), request.agentId(), containerId,
                    events, stdio, output);
            sandbox = created;
            live.add(created);
            client.startContainerCmd(containerId).exec();
            // Said at once: the agent's hello (ready) and a quick exit, whose watch is set up next, come after it.
            events.publish(new SandboxStarted(System.nanoTime(), System.currentTimeMillis(), request.runId(),
                    request.agentId(), containerId, request.image(), 0, (System.nanoTime() - begin) / 1e6));
            created.watchExit();
            if (!statsInterval.isZero()) {
                StatsStream stats = new StatsStream(client, containerId, request.runId(), request.agentId(),
                        statsInterval, events);
                created.exit().whenComplete((exit, error) -> closeQuietly(stats));
            }
            return new Tracked(created);
        } catch (IOException | RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
                live.remove(sandbox);
            } else {
                if (stdio != null) {
                    stdio.close();
                }
                if (output != null) {
                    output.close();
                }
                removeQuietly(containerId);
            }
            throw new SandboxException("cannot start the sandbox of agent '" + request.agentId() + "': "
                    + firstLine(e), e);
        }
    }

    /** Removes the sandbox from the live set when its handle is closed. */
    private final class Tracked implements Sandbox {
        private final DockerSandbox delegate;

        Tracked(DockerSandbox delegate) {
            this.delegate = delegate;
        }

        @Override
        public String agentId() {
            return delegate.agentId();
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public CompletableFuture<SandboxExit> exit() {
            return delegate.exit();
        }

        @Override
        public Optional<SandboxStreams> stdio() {
            return delegate.stdio();
        }

        @Override
        public Follow followOutput(OutputListener listener) {
            return delegate.followOutput(listener);
        }

        @Override
        public void stop(Duration grace) {
            delegate.stop(grace);
        }

        @Override
        public void close() {
            delegate.close();
            live.remove(delegate);
        }
    }

    @Override
    public List<String> reapLeftovers() {
        List<String> removed = new ArrayList<>();
        DockerClient client = engine.client();
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_MANAGED, "true")).exec();
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels();
            if (ownerIsDead(labels)) {
                removeQuietly(c.getId());
                String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : c.getId();
                removed.add("container " + name);
                events.publish(new SandboxRemoved(System.nanoTime(), System.currentTimeMillis(),
                        labels.getOrDefault(LABEL_RUN, ""), labels.getOrDefault(LABEL_AGENT, ""), "container",
                        name, true));
            }
        }
        List<Image> images = client.listImagesCmd().withLabelFilter(Map.of(LABEL_TEMPORARY, "true")).exec();
        for (Image image : images) {
            if (ownerIsDead(image.getLabels())) {
                try {
                    client.removeImageCmd(image.getId()).withForce(true).exec();
                    removed.add("image " + image.getId());
                    events.publish(new SandboxRemoved(System.nanoTime(), System.currentTimeMillis(),
                            image.getLabels().getOrDefault(LABEL_RUN, ""), "", "image", image.getId(), true));
                } catch (NotFoundException e) {
                    // Gone meanwhile.
                }
            }
        }
        for (Path dir : directories.reap()) {
            removed.add("pipe directory " + dir);
            events.publish(new SandboxRemoved(System.nanoTime(), System.currentTimeMillis(),
                    dir.getFileName().toString(), "", "pipe directory", dir.toString(), true));
        }
        return removed;
    }

    private static boolean ownerIsDead(Map<String, String> labels) {
        return labels != null && Owner.parse(labels.get(LABEL_OWNER)).map(Owner::isDead).orElse(false);
    }

    /** Container names are for people running {@code docker ps}; the random suffix keeps restarts unique. */
    static String containerName(SandboxRequest request) {
        String agent = request.agentId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        return "airlock-" + request.runId() + "-" + agent + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private void removeQuietly(String containerId) {
        try {
            engine.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            LOG.debug("removing {} failed: {}", containerId, e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    /** Stops and removes every sandbox still running, then releases the engine connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<DockerSandbox> toClose = new ArrayList<>(live);
        toClose.parallelStream().forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("could not remove container {}: {}", s.id(), firstLine(e));
            }
        });
        live.clear();
        engine.close();
    }
}
