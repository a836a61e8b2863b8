package dev.airlock.desktop.bench;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxStats;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A run's events as the gate and the sandboxes would publish them for a topology, without running it: deliveries on
 * its real pipes and scopes, blocks naming their rule (calls out of scope, undeclared pathways), masks by a
 * guardrail, a resource sample per agent per second, and the occasional line an agent prints, some of them the
 * kernel refusing something. Seeded, so every run of the benchmark sees the same sequence.
 */
public final class SyntheticEvents {

    /**
     * A few agents misbehave, each trying a few fixed targets over and over (calls out of scope, sends on pathways
     * nobody drew), as a prompt-injected agent does; the others stay in their lanes.
     */
    private static final int ROGUE_AGENTS = 4;
    private static final int ROGUE_TARGETS = 4;
    private static final String[] LINES = {"fetching https://example.org/report", "wrote draft 3 (2,140 words)",
            "open /etc/hosts: Read-only file system", "connect 93.184.216.34:443: Network is unreachable"};

    private final String run = "bench";
    private final List<AgentSpec> agents;
    private final List<PipeSpec> pipes;
    private final SplittableRandom random = new SplittableRandom(13);
    private final long statsEvery;
    private long sinceStats;
    private int statsAgent;

    /** {@code rate} is the events per second the caller will draw, so each agent gets about one sample a second. */
    public SyntheticEvents(Topology topology, int rate) {
        this.agents = List.copyOf(topology.agents());
        this.pipes = List.copyOf(topology.pipes());
        if (agents.isEmpty() || pipes.isEmpty()) {
            throw new IllegalArgumentException("the topology needs agents and pipes");
        }
        this.statsEvery = Math.max(1, rate / agents.size());
    }

    /** What a run publishes first: every agent ready. */
    public List<AirlockEvent> ready(long nanos, long wallMillis) {
        List<AirlockEvent> out = new ArrayList<>();
        for (AgentSpec a : agents) {
            out.add(new SandboxReady(nanos, wallMillis, run, a.id(), 400 + random.nextInt(300)));
        }
        return out;
    }

    public AirlockEvent next(long nanos, long wallMillis) {
        if (++sinceStats >= statsEvery) {
            sinceStats = 0;
            AgentSpec a = agents.get(statsAgent++ % agents.size());
            return new SandboxStats(nanos, wallMillis, run, a.id(), random.nextDouble(2, 60),
                    (40L + random.nextInt(80)) << 20, 256L << 20, 4 + random.nextInt(8));
        }
        int roll = random.nextInt(1000);
        AgentSpec a = agents.get(random.nextInt(agents.size()));
        if (roll < 560 || (roll < 900 && (a.tools().isEmpty() || a.models().isEmpty()))) {
            PipeSpec p = pipes.get(random.nextInt(pipes.size()));
            return decision(nanos, wallMillis, p.from(), "send", p.to(), "message", p.id(), GateAction.DELIVER, "",
                    "");
        }
        if (roll < 760) {
            return decision(nanos, wallMillis, a.id(), "tool.call", a.tools().getFirst(), "", "", GateAction.DELIVER,
                    "", "");
        }
        if (roll < 900) {
            return decision(nanos, wallMillis, a.id(), "model.complete", a.models().getFirst(), "", "",
                    GateAction.DELIVER, "", "");
        }
        if (roll < 940) {
            PipeSpec p = pipes.get(random.nextInt(pipes.size()));
            return decision(nanos, wallMillis, p.from(), "send", p.to(), "message", p.id(), GateAction.MASK,
                    "guard.pii", "a card number was masked");
        }
        AgentSpec rogue = agents.get(agents.size() - 1 - random.nextInt(Math.min(ROGUE_AGENTS, agents.size())));
        if (roll < 965) {
            return decision(nanos, wallMillis, rogue.id(), "tool.call", "mailer-" + random.nextInt(ROGUE_TARGETS)
                    + "/send_email", "", "", GateAction.BLOCK, "scope.tool", "mailer is not in this agent's scope");
        }
        if (roll < 985) {
            return decision(nanos, wallMillis, rogue.id(), "send", agents.get(random.nextInt(ROGUE_TARGETS)).id(),
                    "message", "", GateAction.BLOCK, "pathway.undeclared", "no pipe connects these agents");
        }
        return new SandboxOutput(nanos, wallMillis, run, a.id(), roll % 2 == 0, LINES[random.nextInt(LINES.length)]);
    }

    private static GateDecision decision(long nanos, long wallMillis, String agent, String frame, String target,
                                         String kind, String pipe, GateAction action, String rule, String reason) {
        return new GateDecision(nanos, wallMillis, agent, frame, target, kind, pipe, action, rule, reason, List.of(),
                180, action == GateAction.BLOCK ? 0 : 180, 40_000, 0, 0);
    }
}
