package dev.airlock.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ChatMessage;
import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.ModelRequest;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.model.ToolCall;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gate's one adapter to the plugin SPI ({@link dev.airlock.core.tool.Tool}, {@link ModelBackend}): an allowed
 * {@code tool.call}'s JSON arguments become a {@link ToolInvocation}, a {@code model.complete}'s
 * {@code {"messages": [{"role", "content"}, ...]}} a {@link ModelRequest} that offers the model exactly the tools in
 * the asking agent's scope, and the answers go back as wire JSON ({@code {"content", "tool_calls": [{"id",
 * "name", "arguments"}]}} for a model). Which tool or backend serves a spec is the host's to say.
 *
 * <p>Everything a plugin answers or fails with comes back through here with every resolved credential redacted
 * ({@link SecretValues}): an upstream that echoes the key it was sent (in an error or an answer) echoes it to no one.
 */
final class PluginBridge {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(120);

    private final Pipeline pipeline;
    private final ToolSource tools;
    private final ModelSource models;
    private final SecretResolver secrets;
    private final SecretValues values;
    private final Map<String, Integer> turns = new HashMap<>();

    PluginBridge(Pipeline pipeline, ToolSource tools, ModelSource models, CredentialResolver credentials,
                 SecretValues values) {
        this.pipeline = pipeline;
        this.tools = tools;
        this.models = models;
        this.values = values;
        // Remembered before a backend sees it, so whatever the backend or its upstream says next can be redacted.
        this.secrets = ref -> {
            try {
                return values.remember(credentials.resolve(ref));
            } catch (IOException e) {
                throw new ModelException("credential unavailable: " + e.getMessage());
            }
        };
    }

    /**
     * Runs a call the gate let through.
     *
     * @param name the name the agent called, {@code tool} or {@code tool/operation}
     * @throws ToolException with a rule when the tool refused the call by a rule of its own
     */
    byte[] callTool(String agent, ToolSpec spec, String name, byte[] arguments) throws ToolException {
        Tool tool;
        try {
            tool = tools.toolFor(spec);
        } catch (ToolException e) {
            // The call never reached the tool, so it cannot have been the tool's refusal: a tool that will not start
            // is a failure, whatever rule its provider named.
            throw ToolException.failed(e.getMessage());
        }
        ToolInvocation invocation = new ToolInvocation(agent, name, new String(arguments, StandardCharsets.UTF_8),
                grants(agent, spec.id()), TOOL_TIMEOUT);
        try {
            return values.redact(tool.call(invocation).json()).getBytes(StandardCharsets.UTF_8);
        } catch (ToolException e) {
            throw new ToolException(e.rule(), values.redact(e.getMessage()));
        }
    }

    /**
     * The functions a tool offers, as {@code name → description}, so an agent can be shown exactly those in its
     * scope. Empty when the tool cannot start: calling it is then refused with the reason.
     */
    Map<String, String> functionsOf(ToolSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            tools.toolFor(spec).definitions().forEach(d -> out.put(d.name(), d.description()));
        } catch (ToolException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    byte[] complete(String agent, ModelSpec spec, byte[] body) throws ModelException {
        try {
            return ask(agent, spec, body);
        } catch (ModelException e) {
            // Without the cause: its message may be the upstream's own words.
            throw new ModelException(values.redact(e.getMessage()));
        }
    }

    private byte[] ask(String agent, ModelSpec spec, byte[] body) throws ModelException {
        ModelBackend backend = models.backendFor(spec, secrets);
        List<ChatMessage> messages = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(body).path("messages")) {
                messages.add(new ChatMessage(m.path("role").asText("user"), m.path("content").asText("")));
            }
        } catch (IOException e) {
            throw new ModelException("model request is not JSON");
        }
        ModelResponse response = backend.complete(new ModelRequest(agent, spec.id(), messages,
                definitionsFor(agent), turn(agent, spec.id()), MODEL_TIMEOUT));
        ObjectNode out = JSON.createObjectNode().put("content", values.redact(response.content()));
        ArrayNode calls = out.putArray("tool_calls");
        for (ToolCall c : response.toolCalls()) {
            calls.addObject().put("id", values.redact(c.id())).put("name", values.redact(c.name()))
                    .put("arguments", values.redact(c.argumentsJson()));
        }
        try {
            return JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** What a model may be told about the tools in an agent's scope: a function filter offers only that function. */
    private List<ToolDefinition> definitionsFor(String agent) {
        List<ToolDefinition> out = new ArrayList<>();
        for (Scope scope : pipeline.toolScopeOf(agent)) {
            pipeline.topology().tool(scope.toolId()).ifPresent(spec -> {
                try {
                    for (ToolDefinition d : tools.toolFor(spec).definitions()) {
                        if (scope.isWholeTool() || scope.grantsWrite() || d.name().equals(scope.toString())) {
                            out.add(d);
                        }
                    }
                } catch (ToolException | RuntimeException e) {
                    // A tool that cannot start is left out of the offer; a call to it is refused with the reason.
                }
            });
        }
        return out;
    }

    /** The qualifiers of the agent's scope for this tool: {@code files/write} grants {@code write}. */
    private Set<String> grants(String agent, String toolId) {
        return pipeline.toolScopeOf(agent).stream().anyMatch(s -> s.toolId().equals(toolId) && s.grantsWrite())
                ? Set.of(Scope.WRITE) : Set.of();
    }

    /** Counts each agent's requests to each model from 1, so scripted backends can answer in sequence. */
    private synchronized int turn(String agent, String model) {
        return turns.merge(agent + "\u0000" + model, 1, Integer::sum);
    }
}
