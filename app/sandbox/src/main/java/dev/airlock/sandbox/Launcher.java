package dev.airlock.sandbox;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.event.SandboxRestarted;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.AgentPipes;
import dev.airlock.core.runtime.AgentStatus;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.topology.RestartPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a run's agents in parallel and looks after them: an agent is ready when its hello reaches the gate
 * within the timeout; exits become events with their reason, and so does every line an agent prints; the restart
 * policy starts failed agents again with exponential back-off up to its cap; closing stops everything (SIGTERM,
 * grace, kill) and removes containers and pipe directories.
 */
public final class Launcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final SandboxRuntime runtime;
    private final AgentPipes pipes;
    private final EventSink events;
    private final Duration readyTimeout;
    private final Path runDirectory;
    private final Duration grace;
    private final Map<String, Supervisor> agents = new LinkedHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "airlock-launcher-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closing;

    /**
     * @param runDirectory where pipe directories go ({@code runDirectory/N-agent}); removed on close. Unused in
     *                     stdio mode.
     */
    public Launcher(SandboxRuntime runtime, AgentPipes pipes, EventSink events, Duration readyTimeout,
                    Path runDirectory, Duration grace) {
        this.runtime = runtime;
        this.pipes = pipes;
        this.events = events;
        this.readyTimeout = readyTimeout;
        this.runDirectory = runDirectory;
        this.grace = grace;
    }

    /** Starts every agent at once; the future completes when all said hello, or fails with the first that can't. */
    public CompletableFuture<Void> start(List<AgentLaunch> launches) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        int index = 0;
        synchronized (agents) {
            for (AgentLaunch launch : launches) {
                Supervisor s = new Supervisor(launch, index++);
                agents.put(launch.agentId(), s);
                ready.add(s.firstReady);
            }
        }
        for (Supervisor s : List.copyOf(agents.values())) {
            starters.execute(s::begin);
        }
        return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new));
    }

    /** The gate saw this agent's hello: it is ready. */
    public void helloReceived(String agentId) {
        Supervisor s;
        synchronized (agents) {
            s = agents.get(agentId);
        }
        if (s != null) {
            s.ready();
        }
    }

    public List<AgentStatus> status() {
        synchronized (agents) {
            return agents.values().stream().map(Supervisor::status).toList();
        }
    }

    /** Completes when every agent has ended for good (exited without restart, failed, or stopped). */
    public CompletableFuture<Void> allEnded() {
        synchronized (agents) {
            return CompletableFuture.allOf(agents.values().stream().map(s -> s.ended)
                    .toArray(CompletableFuture[]::new));
        }
    }

    private final class Supervisor {
        final AgentLaunch launch;
        final int index;
        final CompletableFuture<Void> firstReady = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private Sandbox current;
        private long launchNanos;
        private boolean readyThisAttempt;
        private int restarts;
        private AgentStatus.State state = AgentStatus.State.STARTING;
        private String detail = "";
        private double readyMillis = Double.NaN;
        private Path pipeDirectory;

        Supervisor(AgentLaunch launch, int index) {
            this.launch = launch;
            this.index = index;
        }

        String agentId() {
            return launch.agentId();
        }

        synchronized AgentStatus status() {
            return new AgentStatus(agentId(), state, restarts, detail, readyMillis);
        }

        void begin() {
            try {
                SandboxRequest request = launch.request();
                if (request.identity() == null) {
                    request = request.withIdentity(runtime.identityFor(request.overrides()));
                }
                if (runtime.engine().pipeMode() == PipeMode.UNIX_SOCKET) {
                    pipeDirectory = runDirectory.resolve(RunDirectories.agentDirectoryName(index, agentId()));
                    pipes.listenUnix(agentId(), pipeDirectory, request.identity());
                    request = request.withPipeDirectory(pipeDirectory);
                }
                attempt(request);
            } catch (IOException | RuntimeException e) {
                giveUp("could not start: " + DockerSandboxRuntime.firstLine(e));
            }
        }

        private void attempt(SandboxRequest request) {
            if (closing) {
                return;
            }
            Sandbox sandbox;
            synchronized (this) {
                launchNanos = System.nanoTime();
                readyThisAttempt = false;
            }
            sandbox = runtime.launch(request);
            synchronized (this) {
                current = sandbox;
            }
            sandbox.stdio().ifPresent(streams -> pipes.attach(agentId(), streams));
            OutputEvents output = new OutputEvents(events, request.runId(), agentId(), sandbox.stdio().isPresent());
            Sandbox.Follow follow = sandbox.followOutput(output);
            timers.schedule(() -> checkReady(sandbox), readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            sandbox.exit().whenComplete((exit, error) -> {
                endOutput(follow, output);
                exited(request, sandbox, exit != null ? exit : SandboxExit.of(-1, false, closing));
            });
        }

        /** Lets the last lines arrive before the exit is told, so events read in the order things happened. */
        private void endOutput(Sandbox.Follow follow, OutputEvents output) {
            try {
                follow.awaitEnd(OUTPUT_DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            follow.close();
            output.flush();
        }

        void ready() {
            synchronized (this) {
                // Not gated on the launch call having returned: a fast agent says hello before it does.
                if (readyThisAttempt) {
                    return;
                }
                readyThisAttempt = true;
                state = AgentStatus.State.READY;
                readyMillis = (System.nanoTime() - launchNanos) / 1e6;
            }
            events.publish(new SandboxReady(System.nanoTime(), System.currentTimeMillis(),
                    launch.request().runId(), agentId(), readyMillis));
            firstReady.complete(null);
        }

        private void checkReady(Sandbox sandbox) {
            synchronized (this) {
                if (readyThisAttempt || current != sandbox || sandbox.exit().isDone() || closing) {
                    return;
                }
                detail = "no hello within " + readyTimeout.toMillis() + " ms";
            }
            LOG.info("agent {}: {}", agentId(), detail);
            sandbox.stop(Duration.ZERO);
        }

        private void exited(SandboxRequest request, Sandbox sandbox, SandboxExit exit) {
            boolean restart;
            String reason;
            synchronized (this) {
                boolean timedOut = !readyThisAttempt && detail.startsWith("no hello");
                reason = closing ? "stopped by host" : timedOut ? detail : exit.reason();
                boolean failed = !closing && (exit.failed() || timedOut);
                restart = failed && launch.restart().mode() == RestartPolicy.Mode.ON_FAILURE
                        && restarts < launch.restart().maxRestarts();
                state = closing ? AgentStatus.State.STOPPED : restart ? AgentStatus.State.RESTARTING
                        : failed ? AgentStatus.State.FAILED : AgentStatus.State.EXITED;
                detail = reason;
            }
            events.publish(new SandboxExited(System.nanoTime(), System.currentTimeMillis(), request.runId(),
                    agentId(), exit.exitCode(), exit.oomKilled(), reason, restart));
            sandbox.close();
            if (restart) {
                int attempt;
                synchronized (this) {
                    attempt = ++restarts;
                }
                long delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
                timers.schedule(() -> starters.execute(() -> {
                    if (closing) {
                        return;
                    }
                    events.publish(new SandboxRestarted(System.nanoTime(), System.currentTimeMillis(),
                            request.runId(), agentId(), attempt, delay));
                    try {
                        attempt(request);
                    } catch (SandboxException e) {
                        giveUp("restart failed: " + e.getMessage());
                    }
                }), delay, TimeUnit.MILLISECONDS);
            } else {
                if (!firstReady.isDone()) {
                    firstReady.completeExceptionally(new SandboxException("agent '" + agentId() + "' " + reason));
                }
                ended.complete(null);
            }
        }

        private void giveUp(String reason) {
            synchronized (this) {
                state = AgentStatus.State.FAILED;
                detail = reason;
            }
            events.publish(new SandboxExited(System.nanoTime(), System.currentTimeMillis(),
                    launch.request().runId(), agentId(), -1, false, reason, false));
            firstReady.completeExceptionally(new SandboxException("agent '" + agentId() + "' " + reason));
            ended.complete(null);
        }

        void stop() {
            Sandbox s;
            synchronized (this) {
                s = current;
            }
            if (s != null) {
                try {
                    s.stop(grace);
                } catch (RuntimeException e) {
                    LOG.debug("stop of {} failed: {}", agentId(), e.toString());
                }
                s.close();
            }
            ended.complete(null);
        }
    }

    /** Stops all agents in parallel (SIGTERM, grace, kill), removes their containers and pipe directories. */
    @Override
    public void close() {
        closing = true;
        List<Supervisor> all;
        synchronized (agents) {
            all = List.copyOf(agents.values());
        }
        all.parallelStream().forEach(Supervisor::stop);
        timers.shutdownNow();
        starters.shutdownNow();
        try {
            starters.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runDirectory != null && java.nio.file.Files.exists(runDirectory)) {
            RunDirectories.deleteTree(runDirectory);
            events.publish(new SandboxRemoved(System.nanoTime(), System.currentTimeMillis(),
                    runDirectory.getFileName().toString(), "", "pipe directory", runDirectory.toString(), false));
        }
    }
}
