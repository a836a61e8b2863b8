package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.AgentPipes;
import dev.airlock.core.runtime.AgentStatus;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxStreams;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateWarmup;
import dev.airlock.gate.Verdict;
import dev.airlock.sandbox.Launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run of a topology: the gate, a compartment per agent wired to it, the plugins serving its tools and models,
 * and everything to take down again. Open it, subscribe to its {@link #events()}, then {@link #start()}. Closing
 * is idempotent and leaves nothing: compartments, pipe directories, tool workspaces and the run's own images go.
 */
public final class Run implements AutoCloseable {

    /** How long the gate may warm up on throwaway traffic; containers take longer than this to start anyway. */
    private static final Duration WARMUP_BUDGET = Duration.ofMillis(1500);
    /** The tool workspace's name in the run directory; agents' pipe directories start with a digit. */
    static final String TOOL_WORKSPACE = "tools";

    private final String id = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final RunSpec spec;
    private final RunEvents events = new RunEvents();
    private final Compartments compartments;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Consumer<UserMessage>> userListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Map<String, String> images;
    private Gate gate;
    private Launcher launcher;
    private Path workspace;
    private Compartments.Servers servers;
    private GateAssembly assembly;

    private Run(RunSpec spec, Compartments.Factory compartments) {
        this.spec = spec;
        this.compartments = compartments.open(this::publish);
    }

    /**
     * Opens the compartments, removes leftovers of dead runs, prepares images, opens the gate; no agent is
     * started yet. Closing the run closes the compartments.
     *
     * @throws RunException when the topology cannot run here (a missing image, an unusable path)
     */
    public static Run open(RunSpec spec, Compartments.Factory compartments) {
        Run run = new Run(spec, compartments);
        try {
            run.prepare();
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private void prepare() {
        EventSink publish = this::publish;
        List<String> reaped = compartments.reapLeftovers();
        if (!reaped.isEmpty()) {
            spec.progress().step("removed " + reaped.size() + " leftovers of dead runs");
        }
        images = compartments.prepareImages(spec.topology(), spec.baseDir(), id, spec.progress());
        Path runDir = compartments.createRunDirectory(id);
        try {
            // Inside the run directory, so a dead run's workspace (copies of what tools read) is reaped with it by
            // the run directory's owner file, and a live run's never is.
            workspace = Files.createDirectory(runDir.resolve(TOOL_WORKSPACE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run's tool workspace", e);
        }
        servers = compartments.toolServers(id, spec.topology(), publish);
        assembly = GateAssembly.open(spec, workspace, servers, publish, null);
        gate = assembly.gate();
        launcher = new Launcher(compartments.runtime(), new GatePipes(gate), publish, spec.readyTimeout(), runDir,
                spec.grace());
    }

    public String id() {
        return id;
    }

    public Topology topology() {
        return spec.topology();
    }

    public EngineInfo engine() {
        return compartments.runtime().engine();
    }

    public RunEvents events() {
        return events;
    }

    /**
     * Every event of the run, sandbox and gate alike. A hello the gate accepted makes the agent ready, and what
     * agents print is masked like a pipe's content, before any subscriber sees either.
     */
    private void publish(AirlockEvent event) {
        if (event instanceof GateDecision d && d.frame().equals("hello") && d.delivered() && launcher != null) {
            launcher.helloReceived(d.agent());
        }
        if (event instanceof SandboxOutput o) {
            event = OutputRedaction.redact(o);
        }
        events.publish(event);
    }

    /** Starts every agent in parallel; completes when all are ready, or fails with the first that cannot be. */
    public CompletableFuture<Void> start() {
        List<AgentLaunch> launches = new ArrayList<>();
        Topology t = spec.topology();
        for (AgentSpec a : t.agents()) {
            SandboxRequest request = new SandboxRequest(id, a.id(), images.get(a.id()), a.command(), a.env(),
                    a.effectiveResources(t.defaults()), a.sandbox(), null);
            launches.add(new AgentLaunch(request, a.restart()));
        }
        // Containers take hundreds of milliseconds to start; the gate's first decisions need not pay its warm-up.
        GateWarmup.startInBackground(WARMUP_BUDGET);
        return launcher.start(launches);
    }

    /** Completes when every agent has ended for good (exited without a restart to come, or was stopped). */
    public CompletableFuture<Void> allEnded() {
        return launcher.allEnded();
    }

    /** Each agent's state now. */
    public List<AgentStatus> status() {
        return launcher.status();
    }

    /** Sends as the user through the same pipeline as any agent's message. */
    public UserSend send(String to, String kind, String text) {
        Verdict v = gate.user().send(to, kind, text);
        return new UserSend(v.action(), v.rule(), v.reason());
    }

    /**
     * Hands what agents deliver to the user to {@code listener}, on the sender's gate thread: keep it short. Every
     * listener hears every delivery (the workbench's presenter and its send bar both listen).
     */
    public void onUserDelivery(Consumer<UserMessage> listener) {
        synchronized (userListeners) {
            if (userListeners.isEmpty()) {
                gate.user().onDelivery(d -> {
                    UserMessage m = new UserMessage(d.from(), d.kind(), d.text());
                    userListeners.forEach(l -> l.accept(m));
                });
            }
            userListeners.add(listener);
        }
    }

    /** Stops agents (SIGTERM, grace, kill), closes the gate and the plugins, removes what the run created. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (launcher != null) {
            launcher.close();
        }
        if (assembly != null) {
            assembly.close();
        }
        if (servers != null) {
            servers.close();
        }
        // The tool workspace lives in the run directory and goes with it.
        compartments.removeRunDirectory(id);
        compartments.close();
        events.close();
    }

    /** What the gate decided about a message the user sent; {@code rule} is empty for a plain delivery. */
    public record UserSend(GateAction action, String rule, String reason) {
        public boolean passes() {
            return action.passes();
        }
    }

    /** A message an agent delivered to the user, after the gate's decision (possibly masked). */
    public record UserMessage(String from, String kind, String text) {
    }

    /** The gate as the launcher's pipe end. */
    private record GatePipes(Gate gate) implements AgentPipes {
        @Override
        public void listenUnix(String agentId, Path directory, AgentIdentity identity) throws IOException {
            gate.listenUnix(agentId, directory, identity);
        }

        @Override
        public void attach(String agentId, SandboxStreams streams) {
            gate.attachStream(agentId, streams.fromAgent(), streams.toAgent());
        }
    }
}
