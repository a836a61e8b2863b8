package dev.airlock.desktop.live;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.event.SandboxRestarted;
import dev.airlock.core.event.SandboxStarted;
import dev.airlock.core.event.SandboxStats;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.model.Keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a live run looks like on the drawing, free of JavaFX: per edge, the decisions by outcome and the rule of the
 * latest refusal; per agent, its state, restarts, ready time, resource samples and the kernel's refusals. It is
 * changed only by {@link #apply} on the UI thread, one batch at a time.
 */
public final class LiveState {

    /** Calls to a tool or model the agent has no scope for have no edge in the drawing; they get one of these. */
    public static final String CALL = "call:";
    /** How many resource samples an agent's sparklines show. */
    public static final int SAMPLES = 40;
    /** Sender and target pairs whose edge is remembered at most. */
    private static final int EDGE_KEYS = 4096;
    /** What the kernel says when a locked-down agent tries to get out (as followed by the launcher). */
    private static final Pattern KERNEL_REFUSAL = Pattern.compile("(?i)read-only file system|operation not permitted"
            + "|permission denied|network is unreachable|connection refused|cannot allocate memory"
            + "|resource temporarily unavailable");

    public enum AgentPhase {
        QUEUED("queued"), BUILDING("building"), STARTING("starting"), READY("ready"), RESTARTING("restarting"),
        CRASHED("crashed"), OOM_KILLED("OOM-killed"), EXITED("exited"), STOPPED("stopped");

        private final String text;

        AgentPhase(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Counters of one edge, and the latest refusal or masking on it. */
    public static final class EdgeLive {
        long delivered;
        long masked;
        long blocked;
        String lastRule = "";
        GateAction lastAction;
        String from = "";
        String to = "";

        public long delivered() {
            return delivered;
        }

        public long masked() {
            return masked;
        }

        public long blocked() {
            return blocked;
        }

        /** The rule of the latest block or mask; empty while everything passed as sent. */
        public String lastRule() {
            return lastRule;
        }

        public Optional<GateAction> lastAction() {
            return Optional.ofNullable(lastAction);
        }

        /** For a {@link #CALL} edge: the agent and the tool or model it called. */
        public String from() {
            return from;
        }

        public String to() {
            return to;
        }
    }

    /** One agent's life in this run. */
    public static final class AgentLive {
        AgentPhase phase = AgentPhase.QUEUED;
        String detail = "";
        int restarts;
        double readyMillis = Double.NaN;
        final double[] cpu = new double[SAMPLES];
        final double[] memory = new double[SAMPLES];
        int samples;
        long memoryLimit;
        long refusals;
        String lastRefusal = "";

        public AgentPhase phase() {
            return phase;
        }

        public String detail() {
            return detail;
        }

        public int restarts() {
            return restarts;
        }

        public double readyMillis() {
            return readyMillis;
        }

        /** CPU percent of one core, oldest first. */
        public double[] cpu() {
            return recent(cpu);
        }

        /** Memory as a fraction of the limit (or of the peak when unlimited), oldest first. */
        public double[] memory() {
            return recent(memory);
        }

        public long refusals() {
            return refusals;
        }

        /** How many resource samples arrived in all: a new one means the sparklines have something new. */
        public int samples() {
            return samples;
        }

        public String lastRefusal() {
            return lastRefusal;
        }

        private double[] recent(double[] ring) {
            int n = Math.min(samples, SAMPLES);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = ring[(samples - n + i) % SAMPLES];
            }
            return out;
        }
    }

    /** A refused or masked call, where it happened and why: what a notification tells. */
    public record Mark(String edgeKey, String agent, String target, GateAction action, String rule, String reason) {
        public String text() {
            return (action == GateAction.MASK ? "Masked " : "Blocked ") + agent + " → " + target + " (" + rule + ")";
        }
    }

    /** A message that moved on an edge, for the animation: from which end to which. */
    public record Flow(String edgeKey, String from, String to, String kind, GateAction action) {
    }

    /** What one batch changed. */
    public record Changes(List<Mark> marks, List<Flow> flows) {
    }

    private final Topology topology;
    private final Map<String, EdgeLive> edges = new LinkedHashMap<>();
    private final Map<String, AgentLive> agents = new LinkedHashMap<>();
    private final Map<String, String> edgeKeys = new java.util.HashMap<>();
    private long dropped;

    public LiveState(Topology topology) {
        this.topology = topology;
        for (AgentSpec a : topology.agents()) {
            agents.put(a.id(), new AgentLive());
        }
    }

    public Map<String, EdgeLive> edges() {
        return edges;
    }

    public Map<String, AgentLive> agents() {
        return agents;
    }

    /** Events the view missed because it fell behind. */
    public long dropped() {
        return dropped;
    }

    /** While images are prepared, every agent waits on them. */
    public void building() {
        agents.values().forEach(a -> a.phase = AgentPhase.BUILDING);
    }

    public void starting() {
        agents.values().forEach(a -> {
            if (a.phase == AgentPhase.BUILDING || a.phase == AgentPhase.QUEUED) {
                a.phase = AgentPhase.STARTING;
            }
        });
    }

    public Changes apply(LiveFeed.Batch batch) {
        dropped = batch.dropped();
        List<Mark> marks = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        for (AirlockEvent event : batch.events()) {
            switch (event) {
                case GateDecision d -> decision(d, marks, flows);
                case SandboxStarted s -> agent(s.agentId()).ifPresent(a -> {
                    // The runtime says "started" right after the engine started the container, but events from
                    // other threads (an agent's hello, ready) are not ordered with it. A restart passes through
                    // RESTARTING, so a ready agent is not started again.
                    if (a.phase != AgentPhase.READY) {
                        a.phase = AgentPhase.STARTING;
                        a.detail = "";
                    }
                });
                case SandboxReady r -> agent(r.agentId()).ifPresent(a -> {
                    a.phase = AgentPhase.READY;
                    a.readyMillis = r.readyMillis();
                    a.detail = "";
                });
                case SandboxRestarted r -> agent(r.agentId()).ifPresent(a -> {
                    a.phase = AgentPhase.RESTARTING;
                    a.restarts = Math.max(a.restarts, r.attempt() - 1);
                });
                case SandboxExited x -> agent(x.agentId()).ifPresent(a -> exited(a, x));
                case SandboxStats s -> agent(s.agentId()).ifPresent(a -> sample(a, s));
                case SandboxOutput o -> agent(o.agentId()).ifPresent(a -> output(a, o));
                case GateConnection c -> {
                    // The hello decision already marks an agent ready; a closed connection shows as its exit.
                }
                case SandboxRemoved r -> {
                    // Clean-up after the run; nothing to show on the drawing.
                }
            }
        }
        return new Changes(marks, flows);
    }

    private Optional<AgentLive> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    private static void exited(AgentLive a, SandboxExited x) {
        a.detail = x.reason();
        if (x.restarting()) {
            a.phase = AgentPhase.RESTARTING;
            a.restarts++;
        } else if (x.oomKilled()) {
            a.phase = AgentPhase.OOM_KILLED;
        } else if (x.reason().toLowerCase(Locale.ROOT).contains("stopped")) {
            a.phase = AgentPhase.STOPPED;
        } else {
            a.phase = x.exitCode() == 0 ? AgentPhase.EXITED : AgentPhase.CRASHED;
        }
    }

    private static void sample(AgentLive a, SandboxStats s) {
        int i = a.samples % SAMPLES;
        a.cpu[i] = s.cpuPercent();
        a.memoryLimit = s.memoryLimitBytes();
        a.memory[i] = s.memoryLimitBytes() > 0 ? (double) s.memoryBytes() / s.memoryLimitBytes() : 0;
        a.samples++;
    }

    private static void output(AgentLive a, SandboxOutput o) {
        if (KERNEL_REFUSAL.matcher(o.line()).find()) {
            a.refusals++;
            a.lastRefusal = o.line().length() > 80 ? o.line().substring(0, 79) + "…" : o.line();
        }
    }

    private void decision(GateDecision d, List<Mark> marks, List<Flow> flows) {
        if (d.frame().equals("hello")) {
            agent(d.agent()).ifPresent(a -> {
                if (d.delivered()) {
                    a.phase = AgentPhase.READY;
                }
            });
            return;
        }
        if (d.target().isEmpty()) {
            return;
        }
        String key = edgeKey(d);
        EdgeLive e = edges.computeIfAbsent(key, k -> new EdgeLive());
        e.from = d.agent();
        e.to = targetNode(d);
        switch (d.action()) {
            case DELIVER -> e.delivered++;
            case MASK -> e.masked++;
            case BLOCK, ASK, ERROR -> e.blocked++;
        }
        if (d.action() != GateAction.DELIVER) {
            e.lastRule = d.rule();
            e.lastAction = d.action();
            marks.add(new Mark(key, d.agent(), d.target(), d.action(), d.rule(), d.reason()));
        }
        flows.add(new Flow(key, d.agent(), targetNode(d), d.kind(), d.action()));
    }

    /** The element a frame went to: a peer, or the tool or model a call names. */
    private static String targetNode(GateDecision d) {
        return Scope.tryParse(d.target()).map(Scope::toolId).orElse(d.target());
    }

    /**
     * The drawn edge a decision belongs to, or a {@link #CALL} edge for a call nothing in the drawing allows. Looking
     * it up walks the pipes and scopes, so it is remembered per sender and target (all forgotten once there are too
     * many pairs, so an agent scanning for targets cannot grow it without bound).
     */
    String edgeKey(GateDecision d) {
        String pair = d.agent() + '\n' + d.target();
        String known = edgeKeys.get(pair);
        if (known != null) {
            return known;
        }
        if (edgeKeys.size() >= EDGE_KEYS) {
            edgeKeys.clear();
        }
        String key = findEdgeKey(d);
        edgeKeys.put(pair, key);
        return key;
    }

    private String findEdgeKey(GateDecision d) {
        for (PipeSpec p : topology.pipes()) {
            if (p.connects(d.agent(), d.target())) {
                return Keys.pipe(p);
            }
        }
        AgentSpec agent = topology.agents().stream().filter(a -> a.id().equals(d.agent())).findFirst().orElse(null);
        String target = targetNode(d);
        if (agent != null) {
            for (String entry : agent.models()) {
                if (entry.equals(target)) {
                    return Keys.scope(agent.id(), entry);
                }
            }
            for (String entry : agent.tools()) {
                if (Scope.tryParse(entry).map(Scope::toolId).filter(target::equals).isPresent()) {
                    return Keys.scope(agent.id(), entry);
                }
            }
        }
        return CALL + d.agent() + ">" + target;
    }
}
