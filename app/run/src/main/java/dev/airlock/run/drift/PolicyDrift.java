package dev.airlock.run.drift;

import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.RunException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Observed versus desired: what a recorded run tried that its topology refused, and what the topology allows that
 * the run never used. An allowance counts as used when a frame got past the check that grants it, whatever happened
 * after (a guardrail or the tool itself may still have refused it): removing it would have changed the run.
 * A tool call marks every scope entry that covers it, so nothing a call relied on is ever suggested for removal.
 */
public final class PolicyDrift {

    /** Rules with which the gate refuses what no scope or pipe grants: such an attempt used nothing. */
    private static final String TOOL_SCOPE_RULE = "scope.tool";
    private static final String MODEL_SCOPE_RULE = "scope.model";
    private static final String PATHWAY_RULES = "pathway.";

    private final Topology topology;
    private final TopologyText source;
    private final Drift drift;

    private PolicyDrift(Topology topology, TopologyText source, Drift drift) {
        this.topology = topology;
        this.source = source;
        this.drift = drift;
    }

    /**
     * Compares the run recorded in {@code events} with {@code topology}, read from {@code topologyFile}.
     *
     * @throws RunException for an events file that cannot be read, or that names an agent or a pipe the topology
     *                      does not declare (recorded from another topology)
     */
    public static PolicyDrift of(Path topologyFile, Topology topology, Path events) {
        List<RecordedDecision> decisions = EventsFile.read(events);
        String text;
        try {
            // The topology reader's own limit: the file was read once already, within it.
            text = BoundedFiles.readText(topologyFile, 4 * BoundedFiles.MIB, "a topology");
        } catch (UnreadableFileException e) {
            throw new RunException(e.getMessage());
        }
        TopologyText source;
        try {
            source = TopologyText.parse(topologyFile.toString(), text);
        } catch (IllegalArgumentException e) {
            throw new RunException(e.getMessage());
        }
        checkSameTopology(topology, topologyFile, decisions, events);
        return new PolicyDrift(topology, source, analyse(topology, source, decisions));
    }

    public Drift drift() {
        return drift;
    }

    /** The topology file as it is. */
    public String original() {
        return source.text();
    }

    /** The topology file with every removable unused allowance cut out, and nothing else changed. */
    public String suggested() {
        return LeastPrivilege.apply(source, topology, drift.removable());
    }

    private static void checkSameTopology(Topology topology, Path file, List<RecordedDecision> decisions,
                                          Path events) {
        Set<String> parties = new HashSet<>();
        parties.add(topology.user().id());
        topology.agents().forEach(a -> parties.add(a.id()));
        Set<String> pipes = new HashSet<>();
        topology.pipes().forEach(p -> pipes.add(p.id()));
        String elsewhere = " is not in topology '" + topology.name() + "' (" + file
                + "): were these events recorded from another topology?";
        for (RecordedDecision d : decisions) {
            // The gate records a name it does not know as "?", so only a known-looking name can be foreign.
            if (!d.agent().isEmpty() && !d.agent().equals("?") && !parties.contains(d.agent())) {
                throw new RunException(events + ":" + d.line() + ": agent '" + d.agent() + "'" + elsewhere);
            }
            if (!d.pipe().isEmpty() && !pipes.contains(d.pipe())) {
                throw new RunException(events + ":" + d.line() + ": pipe '" + d.pipe() + "'" + elsewhere);
            }
        }
    }

    private static Drift analyse(Topology topology, TopologyText source, List<RecordedDecision> decisions) {
        Set<String> usedPipes = new HashSet<>();
        Set<String> usedScopes = new HashSet<>();
        Set<String> calledTools = new HashSet<>();
        Map<String, Map<String, List<RecordedDecision>>> refused = new TreeMap<>();
        for (RecordedDecision d : decisions) {
            if (d.refused()) {
                refused.computeIfAbsent(d.agent(), a -> new TreeMap<>())
                        .computeIfAbsent(d.rule(), r -> new ArrayList<>()).add(d);
            }
            if (!d.pipe().isEmpty() && !d.rule().startsWith(PATHWAY_RULES)) {
                usedPipes.add(d.pipe());
            }
            int agentIndex = indexOf(topology, d.agent());
            if (agentIndex < 0) {
                continue;
            }
            AgentSpec agent = topology.agents().get(agentIndex);
            if (d.frame().equals("model.complete") && d.passed(MODEL_SCOPE_RULE)) {
                int j = agent.models().indexOf(d.target());
                if (j >= 0) {
                    usedScopes.add("agents/" + agentIndex + "/models/" + j);
                }
            }
            if (d.frame().equals("tool.call") && d.passed(TOOL_SCOPE_RULE)) {
                Optional<Scope> call = Scope.tryParse(d.target());
                if (call.isEmpty()) {
                    continue;
                }
                calledTools.add(call.get().toolId());
                ToolType type = topology.tool(call.get().toolId()).map(ToolSpec::type).orElse(null);
                for (int j = 0; j < agent.tools().size(); j++) {
                    Optional<Scope> entry = Scope.tryParse(agent.tools().get(j));
                    if (entry.isPresent() && entry.get().covers(call.get(), type)) {
                        usedScopes.add("agents/" + agentIndex + "/tools/" + j);
                    }
                }
            }
        }
        return new Drift(refusals(refused), unused(topology, source, usedPipes, usedScopes, calledTools),
                notes(topology, calledTools));
    }

    private static int indexOf(Topology topology, String agent) {
        for (int i = 0; i < topology.agents().size(); i++) {
            if (topology.agents().get(i).id().equals(agent)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Refusal> refusals(Map<String, Map<String, List<RecordedDecision>>> refused) {
        List<Refusal> out = new ArrayList<>();
        refused.forEach((agent, byRule) -> byRule.forEach((rule, ds) -> {
            Set<String> targets = new TreeSet<>();
            ds.forEach(d -> targets.add(d.target().isEmpty() ? "(" + d.frame() + ")" : d.target()));
            out.add(new Refusal(agent, rule, ds.size(), List.copyOf(targets), ds.getFirst().line()));
        }));
        return out;
    }

    private static List<Allowance> unused(Topology topology, TopologyText source, Set<String> usedPipes,
                                          Set<String> usedScopes, Set<String> calledTools) {
        List<Allowance> out = new ArrayList<>();
        for (int i = 0; i < topology.pipes().size(); i++) {
            PipeSpec pipe = topology.pipes().get(i);
            if (!usedPipes.contains(pipe.id())) {
                out.add(allowance(source, Allowance.Kind.PIPE, "", pipe.id(), "pipes/" + i, true));
            }
        }
        for (int i = 0; i < topology.agents().size(); i++) {
            AgentSpec agent = topology.agents().get(i);
            scopes(source, out, usedScopes, i, agent, "tools", Allowance.Kind.TOOL_SCOPE, agent.tools());
            scopes(source, out, usedScopes, i, agent, "models", Allowance.Kind.MODEL_SCOPE, agent.models());
        }
        for (int i = 0; i < topology.tools().size(); i++) {
            ToolSpec tool = topology.tools().get(i);
            if (calledTools.contains(tool.id())) {
                continue;
            }
            for (int j = 0; j < tool.allow().size(); j++) {
                out.add(allowance(source, Allowance.Kind.EGRESS, tool.id(), describe(tool.allow().get(j)),
                        "tools/" + i + "/allow/" + j, false));
            }
        }
        out.sort(Comparator.comparingInt((Allowance a) -> a.location().line())
                .thenComparingInt(a -> a.location().column()));
        return out;
    }

    private static void scopes(TopologyText source, List<Allowance> out, Set<String> used, int agentIndex,
                               AgentSpec agent, String key, Allowance.Kind kind, List<String> entries) {
        for (int j = 0; j < entries.size(); j++) {
            String path = "agents/" + agentIndex + "/" + key + "/" + j;
            if (!used.contains(path)) {
                out.add(allowance(source, kind, agent.id(), entries.get(j), path, true));
            }
        }
    }

    private static Allowance allowance(TopologyText source, Allowance.Kind kind, String owner, String entry,
                                       String path, boolean removable) {
        return new Allowance(kind, owner, entry, path, source.location(path), removable);
    }

    private static String describe(AllowEntry entry) {
        return entry.host() + (entry.paths().isEmpty() ? "" : " " + entry.paths());
    }

    /** What the events cannot tell: which entry of a called tool's allowlist a fetch went through. */
    private static List<String> notes(Topology topology, Set<String> calledTools) {
        return topology.tools().stream().filter(t -> calledTools.contains(t.id()) && t.allow().size() > 1)
                .map(t -> "tool " + t.id() + ": the events do not record URLs, so which of its " + t.allow().size()
                        + " allowlist entries were used is unknown")
                .toList();
    }
}
