package dev.airlock.core.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An agent decomposition: who acts for whom, which compartments exist, and the only pathways between them.
 * Immutable; edits produce a new instance so that the desktop's undo stack and the CLI share one model.
 * Anything the topology does not declare is denied.
 */
public record Topology(
        String name,
        String description,
        UserSpec user,
        Defaults defaults,
        List<ModelSpec> models,
        List<ToolSpec> tools,
        List<AgentSpec> agents,
        List<PipeSpec> pipes,
        List<GuardrailSpec> guardrails,
        Map<String, Position> layout) {

    public static final String API_VERSION = "airlock.dev/v1alpha1";
    public static final String KIND = "Topology";

    public Topology {
        description = description == null ? "" : description;
        user = user == null ? UserSpec.DEFAULT : user;
        defaults = defaults == null ? Defaults.HARDENED : defaults;
        models = List.copyOf(models);
        tools = List.copyOf(tools);
        agents = List.copyOf(agents);
        pipes = List.copyOf(pipes);
        guardrails = List.copyOf(guardrails);
        layout = Map.copyOf(layout);
    }

    public static Topology empty(String name) {
        return new Topology(name, "", UserSpec.DEFAULT, Defaults.HARDENED,
                List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    public Optional<AgentSpec> agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Optional<ToolSpec> tool(String id) {
        return tools.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<ModelSpec> model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Every id a pipe, scope or layout entry may name, in declaration order. */
    public Stream<String> elementIds() {
        return Stream.of(Stream.of(user.id()), agents.stream().map(AgentSpec::id),
                tools.stream().map(ToolSpec::id), models.stream().map(ModelSpec::id)).flatMap(s -> s);
    }

    public Topology withAgents(List<AgentSpec> agents) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withTools(List<ToolSpec> tools) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withModels(List<ModelSpec> models) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withPipes(List<PipeSpec> pipes) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withGuardrails(List<GuardrailSpec> guardrails) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withLayout(Map<String, Position> layout) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withUser(UserSpec user) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withDefaults(Defaults defaults) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    public Topology withDescription(String name, String description) {
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }
}
