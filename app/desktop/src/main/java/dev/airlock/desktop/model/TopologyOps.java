package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.UserSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Pure topology transformations the editor's commands are made of. Every method returns a new topology. */
public final class TopologyOps {

    public static final String DEFAULT_MCP_IMAGE = "airlock/mcp-server";

    private TopologyOps() {
    }

    public static Optional<ElementKind> kindOf(Topology t, String id) {
        if (t.user().id().equals(id)) {
            return Optional.of(ElementKind.USER);
        }
        if (t.agent(id).isPresent()) {
            return Optional.of(ElementKind.AGENT);
        }
        Optional<ToolSpec> tool = t.tool(id);
        if (tool.isPresent()) {
            return Optional.of(tool.get().type() == ToolType.MCP ? ElementKind.MCP : ElementKind.TOOL);
        }
        return t.model(id).map(m -> ElementKind.MODEL);
    }

    /** {@code base-1}, {@code base-2}, ...: the first id no element uses yet. */
    public static String freshId(Topology t, String base) {
        Set<String> used = new java.util.HashSet<>(t.elementIds().toList());
        for (int n = 1; ; n++) {
            String id = base + "-" + n;
            if (!used.contains(id)) {
                return id;
            }
        }
    }

    public static Topology add(Topology t, ElementKind kind, String id, Position at) {
        Topology added = switch (kind) {
            case AGENT -> t.withAgents(append(t.agents(), AgentSpec.named(id)));
            case TOOL -> t.withTools(append(t.tools(), ToolSpec.of(id, ToolType.HTTP_FETCH)));
            case MCP -> t.withTools(append(t.tools(), ToolSpec.of(id, ToolType.MCP).withImage(DEFAULT_MCP_IMAGE)
                    .withApproval(ToolSpec.Approval.REQUIRED)));
            case MODEL -> t.withModels(append(t.models(), ModelSpec.scripted(id)));
            case USER -> throw new IllegalArgumentException("a topology has exactly one user");
        };
        return place(added, Map.of(id, at));
    }

    public static Topology place(Topology t, Map<String, Position> positions) {
        Map<String, Position> layout = new HashMap<>(t.layout());
        layout.putAll(positions);
        return t.withLayout(layout);
    }

    /** Removes nodes (with their pipes, scope entries and layout) and edges named by selection keys. */
    public static Topology remove(Topology t, Collection<String> keys) {
        Set<String> ids = new java.util.HashSet<>();
        Set<String> pipeKeys = new java.util.HashSet<>();
        Map<String, Set<String>> scopes = new HashMap<>();
        for (String key : keys) {
            if (Keys.isPipe(key)) {
                pipeKeys.add(key);
            } else if (Keys.isScope(key)) {
                String[] parts = Keys.scopeParts(key);
                scopes.computeIfAbsent(parts[0], a -> new java.util.HashSet<>()).add(parts[1]);
            } else if (!key.startsWith("user:")) {
                ids.add(Keys.id(key));
            }
        }
        List<AgentSpec> agents = t.agents().stream().filter(a -> !ids.contains(a.id())).map(a -> {
            Set<String> dropped = scopes.getOrDefault(a.id(), Set.of());
            List<String> tools = a.tools().stream()
                    .filter(e -> !refersTo(e, ids) && !dropped.contains(e)).toList();
            List<String> models = a.models().stream().filter(e -> !ids.contains(e) && !dropped.contains(e)).toList();
            return tools.equals(a.tools()) && models.equals(a.models()) ? a : a.withModels(models).withTools(tools);
        }).toList();
        List<PipeSpec> pipes = t.pipes().stream()
                .filter(p -> !pipeKeys.contains(Keys.pipe(p)) && !ids.contains(p.from()) && !ids.contains(p.to()))
                .toList();
        Map<String, Position> layout = new HashMap<>(t.layout());
        layout.keySet().removeAll(ids);
        return t.withAgents(agents)
                .withTools(t.tools().stream().filter(x -> !ids.contains(x.id())).toList())
                .withModels(t.models().stream().filter(m -> !ids.contains(m.id())).toList())
                .withPipes(pipes)
                .withLayout(layout);
    }

    /** Whether a scope entry names one of {@code ids} as its tool (or model). */
    private static boolean refersTo(String entry, Set<String> ids) {
        return Scope.tryParse(entry).map(s -> ids.contains(s.toolId())).orElse(false);
    }

    /**
     * Renames an element and every reference to it: pipes, scopes and layout.
     *
     * @throws IllegalArgumentException when {@code to} could not be named in a scope entry (empty, or with a '/')
     */
    public static Topology rename(Topology t, String from, String to) {
        UnaryOperator<String> r = s -> s.equals(from) ? to : s;
        UnaryOperator<String> scoped = e -> Scope.tryParse(e).filter(s -> s.toolId().equals(from))
                .map(s -> s.withToolId(to).toString()).orElse(e);
        List<AgentSpec> agents = t.agents().stream().map(a -> (a.id().equals(from) ? a.withId(to) : a)
                .withModels(a.models().stream().map(r).toList()).withTools(a.tools().stream().map(scoped).toList()))
                .toList();
        List<ToolSpec> tools = t.tools().stream().map(x -> x.id().equals(from) ? x.withId(to) : x).toList();
        List<ModelSpec> models = t.models().stream().map(m -> m.id().equals(from) ? m.withId(to) : m).toList();
        List<PipeSpec> pipes = t.pipes().stream().map(p -> p.withEnds(r.apply(p.from()), r.apply(p.to()))).toList();
        Map<String, Position> layout = new LinkedHashMap<>();
        t.layout().forEach((id, p) -> layout.put(r.apply(id), p));
        UserSpec user = t.user().id().equals(from) ? t.user().withId(to) : t.user();
        return t.withAgents(agents).withTools(tools).withModels(models).withPipes(pipes).withLayout(layout)
                .withUser(user);
    }

    public static Topology replaceAgent(Topology t, String id, UnaryOperator<AgentSpec> change) {
        return t.withAgents(t.agents().stream().map(a -> a.id().equals(id) ? change.apply(a) : a).toList());
    }

    public static Topology replaceTool(Topology t, String id, UnaryOperator<ToolSpec> change) {
        return t.withTools(t.tools().stream().map(x -> x.id().equals(id) ? change.apply(x) : x).toList());
    }

    public static Topology replaceModel(Topology t, String id, UnaryOperator<ModelSpec> change) {
        return t.withModels(t.models().stream().map(m -> m.id().equals(id) ? change.apply(m) : m).toList());
    }

    public static Topology replacePipe(Topology t, String key, UnaryOperator<PipeSpec> change) {
        return t.withPipes(t.pipes().stream().map(p -> Keys.pipe(p).equals(key) ? change.apply(p) : p).toList());
    }

    public static Optional<PipeSpec> pipe(Topology t, String key) {
        return t.pipes().stream().filter(p -> Keys.pipe(p).equals(key)).findFirst();
    }

    static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
