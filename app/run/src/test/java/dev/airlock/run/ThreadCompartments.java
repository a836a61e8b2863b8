package dev.airlock.run;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.runtime.SandboxStreams;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import dev.airlock.sdk.Agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Compartments that are threads of this process: each agent is a program given an SDK {@link Agent} connected to
 * the gate over the real Unix socket the launcher asked the gate to listen on. No isolation at all, so the run
 * engine's own behaviour (wiring, readiness, events, shutdown) can be tested without a Docker engine.
 */
final class ThreadCompartments implements Compartments {

    /** What an agent does once connected; returning ends its compartment with exit code 0. */
    @FunctionalInterface
    interface Program {
        void run(Agent agent) throws Exception;
    }

    private final Map<String, Program> programs;
    private final Path base;
    private final Runtime runtime = new Runtime();

    private ThreadCompartments(Map<String, Program> programs) {
        this.programs = Map.copyOf(programs);
        try {
            // Short: a Unix socket path must stay under 108 bytes.
            base = Files.createTempDirectory(Path.of("/tmp"), "al");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Compartments.Factory of(Map<String, Program> programs) {
        return of(programs, base -> { });
    }

    /** Like {@link #of(Map)}, and tells {@code bases} the directory each opening keeps its pipes under. */
    static Compartments.Factory of(Map<String, Program> programs, Consumer<Path> bases) {
        return events -> {
            ThreadCompartments compartments = new ThreadCompartments(programs);
            bases.accept(compartments.base);
            return compartments;
        };
    }

    @Override
    public SandboxRuntime runtime() {
        return runtime;
    }

    @Override
    public List<String> reapLeftovers() {
        return List.of();
    }

    @Override
    public Map<String, String> prepareImages(Topology topology, Path baseDir, String runId, Progress progress) {
        Map<String, String> images = new LinkedHashMap<>();
        for (AgentSpec a : topology.agents()) {
            images.put(a.id(), "thread");
        }
        return images;
    }

    @Override
    public Path createRunDirectory(String runId) {
        try {
            return Files.createDirectory(base.resolve(runId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void removeRunDirectory(String runId) {
        deleteTree(base.resolve(runId));
    }

    @Override
    public Servers toolServers(String runId, Topology topology, EventSink events) {
        return new Servers() {
            @Override
            public LaunchedServer launch(dev.airlock.core.topology.ToolSpec spec) throws ToolException {
                throw ToolException.failed("no tool servers in thread compartments");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        deleteTree(base);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Runtime implements SandboxRuntime {

        @Override
        public EngineInfo engine() {
            return new EngineInfo("in-process", "threads", "1", "jvm", PipeMode.UNIX_SOCKET);
        }

        /** The threads are this process, so they connect with its identity. */
        @Override
        public AgentIdentity identityFor(SandboxOverrides overrides) {
            try {
                return AgentIdentity.ownerOf(base);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Sandbox launch(SandboxRequest request) {
            Program program = programs.get(request.agentId());
            if (program == null) {
                throw new IllegalArgumentException("no program for agent " + request.agentId());
            }
            return new ThreadSandbox(request, program);
        }

        @Override
        public List<String> reapLeftovers() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final class ThreadSandbox implements Sandbox {

        private final String agentId;
        private final CompletableFuture<SandboxExit> exit = new CompletableFuture<>();
        private final Thread thread;
        private volatile Agent agent;
        private volatile boolean stopped;

        ThreadSandbox(SandboxRequest request, Program program) {
            this.agentId = request.agentId();
            String socket = request.pipeDirectory().resolve("gate.sock").toString();
            thread = Thread.ofPlatform().daemon().name("agent-" + agentId).start(() -> {
                try (Agent a = Agent.connect(socket, Duration.ofSeconds(10))) {
                    agent = a;
                    program.run(a);
                    exit.complete(SandboxExit.of(0, false, stopped));
                } catch (Exception e) {
                    exit.complete(SandboxExit.of(stopped ? 143 : 1, false, stopped));
                }
            });
        }

        @Override
        public String agentId() {
            return agentId;
        }

        @Override
        public String id() {
            return thread.getName();
        }

        @Override
        public CompletableFuture<SandboxExit> exit() {
            return exit;
        }

        @Override
        public Optional<SandboxStreams> stdio() {
            return Optional.empty();
        }

        @Override
        public Follow followOutput(OutputListener listener) {
            return new Follow() {
                @Override
                public boolean awaitEnd(Duration timeout) {
                    return true;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void stop(Duration grace) {
            stopped = true;
            Agent a = agent;
            if (a != null) {
                try {
                    a.close();
                } catch (IOException e) {
                    // The thread ends either way: its next read fails.
                }
            }
            thread.interrupt();
            exit.completeOnTimeout(SandboxExit.of(137, false, true), grace.toMillis() + 1000,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            stop(DEFAULT_GRACE);
            exit.join();
        }
    }
}
