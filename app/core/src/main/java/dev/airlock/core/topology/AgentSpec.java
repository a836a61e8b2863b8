package dev.airlock.core.topology;

import java.util.List;
import java.util.Map;

/**
 * One agent in its own compartment. {@code models} and {@code tools} are its scopes: whatever is not listed
 * is absent from its view and refused at the gate. {@code resources} holds only what the file sets;
 * {@link #effectiveResources(Defaults)} fills in the rest. Start from {@link #named} and change one field at a time
 * with the {@code with...} methods.
 */
public record AgentSpec(
        String id,
        String description,
        String image,
        BuildSpec build,
        List<String> command,
        Map<String, String> env,
        Resources resources,
        List<String> models,
        List<String> tools,
        SandboxOverrides sandbox,
        RestartPolicy restart) {

    public AgentSpec {
        description = description == null ? "" : description;
        command = List.copyOf(command);
        env = Map.copyOf(env);
        models = List.copyOf(models);
        tools = List.copyOf(tools);
        sandbox = sandbox == null ? SandboxOverrides.NONE : sandbox;
        restart = restart == null ? RestartPolicy.NEVER : restart;
    }

    public static AgentSpec named(String id) {
        return new AgentSpec(id, "", "airlock/agent-java", null, List.of(), Map.of(), null,
                List.of(), List.of(), SandboxOverrides.NONE, RestartPolicy.NEVER);
    }

    public Resources effectiveResources(Defaults defaults) {
        return defaults.resources().overlay(resources);
    }

    public AgentSpec withId(String id) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withDescription(String description) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withImage(String image) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withBuild(BuildSpec build) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withCommand(List<String> command) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withEnv(Map<String, String> env) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withResources(Resources resources) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withModels(List<String> models) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withTools(List<String> tools) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withSandbox(SandboxOverrides sandbox) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }

    public AgentSpec withRestart(RestartPolicy restart) {
        return new AgentSpec(id, description, image, build, command, env, resources, models, tools, sandbox, restart);
    }
}
