package dev.airlock.plugins.threatmodel;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.plugins.threatmodel.ThreatModel.Boundary;
import dev.airlock.plugins.threatmodel.ThreatModel.Element;
import dev.airlock.plugins.threatmodel.ThreatModel.Flow;
import dev.airlock.plugins.threatmodel.ThreatModel.Kind;
import dev.airlock.plugins.threatmodel.ThreatModel.PathFinding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ThreatModel} of a topology. Elements: the user, the gate, each agent, tool and model, and each
 * host an http.fetch tool may reach. Trust boundaries: each container (agents, MCP servers), the gate's process (with
 * the built-in tools and local models it runs), the user, and the external endpoints. Flows: pipes, tool calls, model
 * calls and egress; all of them pass the gate, which the flows do not draw again. Positions are the topology's
 * layout; what the layout does not place (the gate, endpoints) goes below or beside what it does.
 */
final class ThreatModeler {

    static final String GATE = "gate";
    private static final double STEP = 110;

    private ThreatModeler() {
    }

    static ThreatModel model(Topology t) {
        Exposure exposure = new Exposure(t);
        List<PathFinding> paths = new PathAnalysis(exposure).all();
        ThreatRules rules = new ThreatRules(exposure, paths);
        Layout layout = new Layout(t);

        List<Element> elements = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        List<String> inGate = new ArrayList<>(List.of(GATE));
        List<String> containers = new ArrayList<>();
        List<String> external = new ArrayList<>();

        String user = "user:" + t.user().id();
        String userName = t.user().displayName() != null ? t.user().displayName() + " (" + t.user().id() + ")" : t.user().id();
        elements.add(new Element(user, userName, Kind.ACTOR, "The person who runs the topology.",
                layout.of(t.user().id()), rules.user()));
        elements.add(new Element(GATE, "gate", Kind.PROCESS, "Airlock's gate: the only path between compartments,"
                + " tools and models; enforces the policy on every frame.", layout.gate(), rules.gate()));
        for (AgentSpec a : t.agents()) {
            String id = "agent:" + a.id();
            containers.add(id);
            elements.add(new Element(id, a.id(), Kind.PROCESS, describe(a.description(), "Agent in its own container."),
                    layout.of(a.id()), rules.agent(a)));
        }
        Map<String, Map<String, List<AllowEntry>>> hostsByTool = new LinkedHashMap<>();
        for (ToolSpec tool : t.tools()) {
            String id = "tool:" + tool.id();
            boolean store = tool.type() == ToolType.FILES || tool.type() == ToolType.SQL;
            boolean mcp = tool.type() == ToolType.MCP;
            (mcp ? containers : inGate).add(id);
            elements.add(new Element(id, tool.id(), store ? Kind.STORE : Kind.PROCESS, describe(tool.description(),
                    tool.type().text() + " tool") + (mcp ? " MCP server in its own container." : " Runs inside the gate."),
                    layout.of(tool.id()), rules.tool(tool)));
            if (tool.type() == ToolType.HTTP_FETCH) {
                Map<String, List<AllowEntry>> hosts = new LinkedHashMap<>();
                tool.allow().forEach(e -> hosts.computeIfAbsent(e.host(), h -> new ArrayList<>()).add(e));
                hostsByTool.put(tool.id(), hosts);
            }
        }
        for (ModelSpec m : t.models()) {
            String id = "model:" + m.id();
            boolean local = ThreatRules.isLocal(m);
            (local ? inGate : external).add(id);
            elements.add(new Element(id, m.id(), local ? Kind.PROCESS : Kind.ACTOR, local
                    ? "Scripted model, answered inside the gate." : "Model backend " + m.backend()
                    + (m.endpoint() != null ? " at " + m.endpoint() : "") + ", reached only by the gate.",
                    layout.of(m.id()), rules.model(m)));
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        hostsByTool.forEach((tool, hosts) -> {
            int k = 0;
            for (String host : hosts.keySet()) {
                String id = "endpoint:" + host;
                if (!endpoints.containsKey(id)) {
                    endpoints.put(id, host);
                    external.add(id);
                    elements.add(new Element(id, host, Kind.ACTOR, "External host allowlisted for " + tool + ".",
                            layout.beside(tool, k++), rules.endpoint(host)));
                }
            }
        });

        for (PipeSpec p : t.pipes()) {
            flows.add(new Flow("pipe:" + p.id(), party(t, p.from()), party(t, p.to()), String.join(", ", p.kinds()),
                    p.direction() == PipeSpec.Direction.BOTH, "Pipe " + p.id() + " through the gate.", rules.pipe(p)));
        }
        for (AgentSpec a : t.agents()) {
            for (String entry : a.tools()) {
                String tool = entry.split("/", 2)[0];
                if (t.tool(tool).isPresent()) {
                    flows.add(new Flow("call:" + a.id() + "->" + entry, "agent:" + a.id(), "tool:" + tool, entry, true,
                            a.id() + " calls " + entry + " through the gate.", rules.toolCall(a, entry)));
                }
            }
            for (String model : a.models()) {
                if (t.model(model).isPresent()) {
                    flows.add(new Flow("model:" + a.id() + "->" + model, "agent:" + a.id(), "model:" + model, "prompt",
                            true, a.id() + " asks " + model + " through the gate.", rules.modelCall(a, model)));
                }
            }
        }
        hostsByTool.forEach((tool, hosts) -> hosts.forEach((host, entries) -> flows.add(new Flow(
                "egress:" + tool + "->" + host, "tool:" + tool, "endpoint:" + host, "GET", true,
                tool + " fetches from " + host + ".", List.of(rules.egress(t.tool(tool).orElseThrow(), entries))))));

        List<Boundary> boundaries = new ArrayList<>();
        boundaries.add(new Boundary("boundary:user", "user", "The person at the workbench.", List.of(user)));
        boundaries.add(new Boundary("boundary:gate", "gate", "The gate's host process, with the built-in tools and"
                + " local models it runs.", inGate));
        for (String c : containers) {
            String name = c.substring(c.indexOf(':') + 1);
            List<String> loosened = t.agent(name).filter(a -> c.startsWith("agent:"))
                    .map(a -> a.sandbox().risks().stream().map(r -> r.message()).toList()).orElse(List.of());
            boundaries.add(new Boundary("boundary:" + c, "container " + name, loosened.isEmpty()
                    ? "A hardened container: no network, read-only root, no capabilities; its only way out is the gate."
                    : "A container whose sandbox is loosened: " + String.join("; ", loosened) + ".", List.of(c)));
        }
        if (!external.isEmpty()) {
            boundaries.add(new Boundary("boundary:external", "external", "Hosts and providers outside the machine.",
                    external));
        }
        String description = t.description() == null || t.description().isBlank() ? "Threat model of " + t.name() + "."
                : t.description();
        return new ThreatModel(t.name(), description, elements, flows, boundaries, paths);
    }

    private static String party(Topology t, String id) {
        return id.equals(t.user().id()) ? "user:" + id : "agent:" + id;
    }

    private static String describe(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }

    /** The drawing's coordinates, and places for what it does not draw. */
    private static final class Layout {
        private final Map<String, Position> drawn;
        private final double right;
        private final double bottom;
        private int unplaced;

        Layout(Topology t) {
            this.drawn = t.layout();
            this.right = drawn.values().stream().mapToDouble(Position::x).max().orElse(0);
            this.bottom = drawn.values().stream().mapToDouble(Position::y).max().orElse(0);
        }

        Position of(String id) {
            Position p = drawn.get(id);
            return p != null ? p : new Position(40 + 220 * unplaced++, bottom + 2 * STEP + 180);
        }

        /** The gate sits below the drawing, where it does not cover what the user drew. */
        Position gate() {
            double left = drawn.values().stream().mapToDouble(Position::x).min().orElse(40);
            return new Position((left + right) / 2, bottom + 180);
        }

        Position beside(String tool, int k) {
            Position p = drawn.getOrDefault(tool, new Position(right, 0));
            return new Position(p.x() + 220, p.y() + k * STEP);
        }
    }
}
