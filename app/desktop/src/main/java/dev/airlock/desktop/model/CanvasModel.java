package dev.airlock.desktop.model;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.problem.Severity;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the canvas shows, computed from the topology and its problems, free of JavaFX: the view only reconciles its
 * nodes with this. Elements without a stored position get one from {@link AutoLayout} so nothing is stacked.
 */
public record CanvasModel(Map<String, Node> nodes, List<Edge> edges) {

    public static final double NODE_WIDTH = 160;
    public static final double NODE_HEIGHT = 66;

    public enum Badge { EXFILTRATION, SANDBOX, THREAT }

    public record Node(String key, String id, ElementKind kind, String subtitle, Position position,
                       Severity severity, String problems, Map<Badge, String> badges) {
    }

    public enum EdgeKind { PIPE, SCOPE }

    public record Edge(String key, EdgeKind kind, String from, String to, boolean both, String label,
                       Severity severity, String problems) {
    }

    public static CanvasModel of(Topology t, List<Problem> problems) {
        return of(t, problems, Map.of());
    }

    /**
     * @param findings what an exported threat model found, by element key; each becomes a THREAT badge on the node
     */
    public static CanvasModel of(Topology t, List<Problem> problems, Map<String, String> findings) {
        Map<String, List<Problem>> byElement = problems.stream()
                .filter(p -> !p.element().isEmpty())
                .collect(Collectors.groupingBy(Problem::element, HashMap::new, Collectors.toList()));
        Map<String, Position> positions = new HashMap<>(AutoLayout.layout(t, true));
        positions.putAll(t.layout());

        Map<String, Node> nodes = new LinkedHashMap<>();
        String user = t.user().displayName().isEmpty() ? "the human" : t.user().displayName();
        addNode(nodes, ElementKind.USER, t.user().id(), user, positions, byElement, Map.of());
        for (ModelSpec m : t.models()) {
            addNode(nodes, ElementKind.MODEL, m.id(), m.backend() + (m.model() == null ? "" : " · " + m.model()),
                    positions, byElement, Map.of());
        }
        for (ToolSpec tool : t.tools()) {
            ElementKind kind = TopologyOps.kindOf(t, tool.id()).orElseThrow();
            String subtitle = tool.type().text()
                    + (tool.approval() == ToolSpec.Approval.REQUIRED ? " · approval" : "")
                    + (tool.allow().isEmpty() ? "" : " · " + tool.allow().size() + (tool.allow().size() == 1 ? " host" : " hosts"));
            addNode(nodes, kind, tool.id(), subtitle, positions, byElement, Map.of());
        }
        for (AgentSpec a : t.agents()) {
            Map<Badge, String> badges = new LinkedHashMap<>();
            RiskHints.exfiltration(t, a).ifPresent(text -> badges.put(Badge.EXFILTRATION, text));
            List<String> loosened = RiskHints.sandbox(a).stream().map(SandboxRisk::message).toList();
            if (!loosened.isEmpty()) {
                badges.put(Badge.SANDBOX, "Sandbox loosened:\n• " + String.join("\n• ", loosened));
            }
            addNode(nodes, ElementKind.AGENT, a.id(), a.image() == null ? "(no image)" : a.image(),
                    positions, byElement, badges);
        }

        findings.forEach((key, text) -> nodes.computeIfPresent(key, (k, n) -> {
            Map<Badge, String> badges = new LinkedHashMap<>(n.badges());
            badges.put(Badge.THREAT, text);
            return new Node(n.key(), n.id(), n.kind(), n.subtitle(), n.position(), n.severity(), n.problems(), badges);
        }));

        List<Edge> edges = new ArrayList<>();
        for (PipeSpec p : t.pipes()) {
            String key = Keys.pipe(p);
            List<Problem> mine = byElement.getOrDefault(key, List.of());
            edges.add(new Edge(key, EdgeKind.PIPE, p.from(), p.to(), p.direction() == PipeSpec.Direction.BOTH,
                    p.kinds().equals(PipeSpec.DEFAULT_KINDS) ? "" : String.join(", ", p.kinds()), worst(mine),
                    describe(mine)));
        }
        for (AgentSpec a : t.agents()) {
            for (String entry : a.models()) {
                edges.add(new Edge(Keys.scope(a.id(), entry), EdgeKind.SCOPE, a.id(), entry, false, "", null, ""));
            }
            for (String entry : a.tools()) {
                // An entry that does not parse has no tool to draw an edge to; validation reports it on the agent.
                Scope.tryParse(entry).ifPresent(scope -> edges.add(new Edge(Keys.scope(a.id(), entry),
                        EdgeKind.SCOPE, a.id(), scope.toolId(), false, scope.qualifier().orElse(""), null, "")));
            }
        }
        return new CanvasModel(nodes, edges);
    }

    private static void addNode(Map<String, Node> nodes, ElementKind kind, String id, String subtitle,
                                Map<String, Position> positions, Map<String, List<Problem>> byElement,
                                Map<Badge, String> badges) {
        String key = kind.key(id);
        List<Problem> mine = byElement.getOrDefault(key, List.of());
        nodes.putIfAbsent(key, new Node(key, id, kind, subtitle, positions.getOrDefault(id, new Position(0, 0)),
                worst(mine), describe(mine), badges));
    }

    private static Severity worst(List<Problem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        return problems.stream().anyMatch(Problem::isError) ? Severity.ERROR : Severity.RISK;
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(p -> p.severity().label() + ": " + p.message()
                + (p.hint().isEmpty() ? "" : "\n  hint: " + p.hint())).collect(Collectors.joining("\n"));
    }
}
