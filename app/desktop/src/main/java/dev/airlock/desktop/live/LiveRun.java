package dev.airlock.desktop.live;

import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.run.Compartments;
import dev.airlock.run.Run;
import dev.airlock.run.RunException;
import dev.airlock.run.RunSpec;
import dev.airlock.run.Subscription;
import dev.airlock.run.Tally;
import dev.airlock.run.expect.ExpectationCheck;
import dev.airlock.run.expect.Expectations;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.doctor.Check;
import dev.airlock.run.doctor.Doctor;
import dev.airlock.run.trace.RunTracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One run of the drawing at a time, driven from the window: opening and closing the run happen on a thread of
 * their own, everything the window sees arrives through the FX bridge. While a run is up a JVM shutdown hook takes
 * it down, so Ctrl-C on {@code airlock ui} leaves no container, pipe directory or image behind.
 */
public final class LiveRun {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);
    /** The run's own buffer for the view; beyond it events are dropped for the view alone and counted. */
    private static final int SUBSCRIPTION_BUFFER = 16_384;
    /** What the view takes per pulse at most; a burst beyond it shows as dropped. */
    private static final int FEED_CAPACITY = 4_096;
    private static final Duration STATS = Duration.ofSeconds(1);

    public enum Phase { IDLE, PREPARING, STARTING, RUNNING, STOPPING }

    /** What the window is told, always on the FX thread. */
    public interface Listener {
        void phase(Phase phase, String message);

        void progress(String line);

        void batch(LiveFeed.Batch batch);

        /** The run could not be opened or started; {@code message} says what to do, without a stack trace. */
        void failed(String message);

        /** After {@link #failed}: what {@code airlock doctor} finds wrong with this machine, if anything. */
        default void diagnosed(List<Check> problems) {
        }
    }

    private final FxBridge bridge;
    private final Compartments.Factory compartments;
    private final Supplier<List<Check>> doctor;
    /** Where the OTLP variables are read, as {@code airlock run} reads its own environment. */
    private final Map<String, String> env;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "airlock-live-run");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "airlock-live-send");
        t.setDaemon(true);
        return t;
    });
    private final Object feedKey = new Object();
    private volatile Run run;
    private volatile Tally tally;
    private volatile Subscription subscription;
    private volatile RunTracer tracer;
    private volatile LiveFeed feed;
    private volatile Thread shutdownHook;
    private volatile Phase phase = Phase.IDLE;
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();

    /** Runs on the Docker engine this machine is configured for. */
    public LiveRun(FxBridge bridge) {
        this(bridge, System.getenv());
    }

    /**
     * Runs on the engine {@code env} points at ({@code DOCKER_HOST}, …) and sends spans where its OTLP variables
     * say, as a process with that environment would.
     */
    public LiveRun(FxBridge bridge, Map<String, String> env) {
        this(bridge, DockerCompartments.factory(STATS, env), () -> Doctor.of(env).checks(), env);
    }

    LiveRun(FxBridge bridge, Compartments.Factory compartments, Supplier<List<Check>> doctor,
            Map<String, String> env) {
        this.bridge = bridge;
        this.compartments = compartments;
        this.doctor = doctor;
        this.env = Map.copyOf(env);
    }

    public Phase phase() {
        return phase;
    }

    /** The run's id while one is up; labels every container it creates. */
    public String runId() {
        Run r = run;
        return r == null ? null : r.id();
    }

    /** The numbers {@code airlock run} prints at the end, so far; null before a run. */
    public Tally tally() {
        return tally;
    }

    /** Starts the drawing as it is now; ignored while a run is up. */
    public void start(Topology topology, Path baseDir, RunSpec.Approver approver, Listener listener) {
        start(topology, baseDir, approver, listener, null);
    }

    /** As {@link #start}, with the gate writing a capture file (a workshop's what-if replays it); null for none. */
    public void start(Topology topology, Path baseDir, RunSpec.Approver approver, Listener listener, Path capture) {
        if (phase != Phase.IDLE) {
            return;
        }
        ready = new CompletableFuture<>();
        set(Phase.PREPARING, "Preparing images…", listener);
        RunSpec spec = RunSpec.of(topology, baseDir).withStatsInterval(STATS).withApprover(approver)
                .withCapture(capture)
                .withProgress(line -> bridge.post(() -> listener.progress(line)));
        worker.execute(() -> open(spec, listener));
    }

    private void open(RunSpec spec, Listener listener) {
        Tally counts = new Tally();
        LiveFeed view = viewFeed(bridge, feedKey, listener::batch);
        try {
            Run opened = Run.open(spec, compartments);
            run = opened;
            tally = counts;
            feed = view;
            hook();
            if (phase == Phase.STOPPING) {
                return;
            }
            opened.events().subscribe("tally", SUBSCRIPTION_BUFFER, counts::publish);
            subscription = opened.events().subscribe("desktop", SUBSCRIPTION_BUFFER, view::offer);
            // With OTEL_EXPORTER_OTLP_* set, a run from the drawing sends its spans as `airlock run` does.
            RunTracer spans = RunTracer.open(spec.topology(), env, null).orElse(null);
            if (spans != null) {
                spans.follow(opened.events());
                tracer = spans;
            }
            set(Phase.STARTING, "Starting " + spec.topology().agents().size() + " agents on "
                    + opened.engine().name() + " " + opened.engine().version() + "…", listener);
            CompletableFuture<Void> allReady = opened.start();
            CompletableFuture<Void> mine = ready;
            allReady.whenComplete((ok, error) -> {
                if (error == null) {
                    mine.complete(null);
                } else {
                    mine.completeExceptionally(error);
                }
                if (phase != Phase.STARTING) {
                    return;
                }
                if (error == null) {
                    set(Phase.RUNNING, "Running: all " + spec.topology().agents().size() + " agents ready", listener);
                } else {
                    set(Phase.RUNNING, "Running, but " + reason(error), listener);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("run failed to start", e);
            ready.completeExceptionally(e);
            String message = reason(e);
            takeDown();
            phase = Phase.IDLE;
            bridge.post(() -> {
                listener.phase(Phase.IDLE, "Not running: " + message);
                listener.failed(message);
            });
            // The reason names the first thing that broke; the doctor names everything else the next try needs.
            List<Check> problems = doctor.get().stream().filter(c -> c.status() != Check.Status.PASS).toList();
            bridge.post(() -> listener.diagnosed(problems));
        }
    }

    /** The bounded buffer a run's events pass to reach the view, one drain per pulse under {@code key}. */
    public static LiveFeed viewFeed(FxBridge bridge, Object key, java.util.function.Consumer<LiveFeed.Batch> onBatch) {
        return new LiveFeed(FEED_CAPACITY, drain -> bridge.post(key, drain), onBatch);
    }

    /**
     * Sends as the user, through the gate like any message, on a thread of its own (a guardrail may ask for
     * approval, and the gate's decision must not hold up the FX thread or a Stop); completes with the gate's refusal
     * as {@code rule: reason}, or empty when it passed.
     */
    public CompletableFuture<String> send(String to, String kind, String text) {
        return CompletableFuture.supplyAsync(() -> {
            Run r = run;
            if (r == null) {
                return "not running";
            }
            Run.UserSend v = r.send(to, kind, text);
            return v.passes() ? "" : v.rule() + ": " + v.reason();
        }, sender);
    }

    /**
     * Once every agent is ready, sends the expectations' messages and completes when they are met or their time
     * is up: what {@code airlock run --expect} waits for, so a screenshot shows a run that has settled.
     */
    public CompletableFuture<Boolean> settle(Expectations expectations) {
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("airlock-live-settle").start(() -> {
            try {
                Run r = awaitReady(expectations.within());
                ExpectationCheck check = new ExpectationCheck(expectations);
                r.events().subscribe("settle", SUBSCRIPTION_BUFFER, check::publish);
                r.onUserDelivery(d -> check.answer(d.from(), d.text()));
                for (Expectations.Message m : expectations.send()) {
                    r.send(m.to(), m.kind() == null ? "message" : m.kind(), m.text());
                }
                settled.complete(check.await());
            } catch (Exception e) {
                settled.complete(false);
            }
        });
        return settled;
    }

    /** Waits until every agent is ready; fails when one cannot be or the run did not open. */
    public Run awaitReady(Duration within) throws Exception {
        ready.get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        Run r = run;
        if (r == null) {
            throw new IllegalStateException("the run was stopped");
        }
        return r;
    }

    /** Stops every agent and removes what the run created; the listener hears IDLE when it is all gone. */
    public CompletableFuture<Void> stop(Listener listener) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (phase == Phase.IDLE) {
            done.complete(null);
            return done;
        }
        set(Phase.STOPPING, "Stopping: removing containers, pipes and images…", listener);
        // The worker may still be opening the run; stopping queues behind it, so nothing opened escapes.
        worker.execute(() -> {
            String unsent = takeDown();
            set(Phase.IDLE, "Stopped; nothing left behind" + (unsent.isEmpty() ? "" : "; " + unsent), listener);
            done.complete(null);
        });
        return done;
    }

    /** For closing the window: takes the run down on the calling thread. */
    public void stopNow() {
        worker.shutdown();
        sender.shutdown();
        takeDown();
        phase = Phase.IDLE;
    }

    /** Takes the run down; says, in a line, when its spans did not all reach the OTLP receiver (else empty). */
    private synchronized String takeDown() {
        Run r = run;
        run = null;
        if (r != null) {
            LiveFeed f = feed;
            Subscription s = subscription;
            r.close();
            if (f != null && s != null) {
                f.droppedUpstream(s.dropped());
            }
        }
        RunTracer t = tracer;
        tracer = null;
        String unsent = "";
        if (t != null) {
            // After the run: its last decisions are in the tracer's buffer by now, and close() flushes them.
            t.close();
            unsent = t.unsent().orElse("");
        }
        Thread h = shutdownHook;
        shutdownHook = null;
        if (h != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException shuttingDown) {
                // The hook itself is running and takes the run down.
            }
        }
        return unsent;
    }

    private void hook() {
        // Waits for a take-down already under way instead of returning early from an idempotent close.
        Thread h = new Thread(this::takeDown, "airlock-live-run-shutdown");
        shutdownHook = h;
        Runtime.getRuntime().addShutdownHook(h);
    }

    private void set(Phase next, String message, Listener listener) {
        phase = next;
        bridge.post(() -> listener.phase(next, message));
    }

    /** One line for the window: the run's own words for what it cannot do, never a stack trace. */
    public static String reason(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof RunException || t instanceof SandboxException) {
            return message;
        }
        return message + " (" + t.getClass().getSimpleName() + "; start with --debug for details)";
    }
}
