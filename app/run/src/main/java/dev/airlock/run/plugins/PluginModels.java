package dev.airlock.run.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ChatMessage;
import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackends;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.model.ToolCall;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.gate.CredentialResolver;
import dev.airlock.gate.ToolHandler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the gate's model requests with the installed backend plugins. The wire body is
 * {@code {"messages": [{"role", "content"}, ...]}}; the answer {@code {"content", "tool_calls": [{"id", "name",
 * "arguments"}]}}. The gate offers the model exactly the tools in the asking agent's scope.
 */
public final class PluginModels implements dev.airlock.gate.ModelBackend, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path baseDir;
    private final SecretResolver secrets;
    private final PluginTools tools;
    private final ModelBackends installed = ModelBackends.installed();
    private final Map<String, ModelBackend> started = new LinkedHashMap<>();
    private final Map<String, Integer> turns = new HashMap<>();

    public PluginModels(Path baseDir, CredentialResolver credentials, PluginTools tools) {
        this.baseDir = baseDir;
        this.tools = tools;
        this.secrets = ref -> {
            try {
                return credentials.resolve(ref);
            } catch (IOException e) {
                throw new ModelException("credential unavailable: " + e.getMessage());
            }
        };
    }

    @Override
    public byte[] complete(dev.airlock.gate.ModelBackend.ModelRequest request) throws Exception {
        ModelBackend backend = backend(request.model());
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new ToolHandler.ToolUnavailable("model request is not JSON");
        }
        for (JsonNode m : body.path("messages")) {
            messages.add(new ChatMessage(m.path("role").asText("user"), m.path("content").asText("")));
        }
        ModelResponse response;
        try {
            response = backend.complete(new dev.airlock.core.model.ModelRequest(request.agent(), request.model().id(), messages,
                    tools.definitionsFor(request.agent()), turn(request.agent(), request.model().id()), TIMEOUT));
        } catch (ModelException e) {
            throw new ToolHandler.ToolUnavailable(e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode().put("content", response.content());
        ArrayNode calls = out.putArray("tool_calls");
        for (ToolCall c : response.toolCalls()) {
            calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.argumentsJson());
        }
        return JSON.writeValueAsBytes(out);
    }

    private synchronized int turn(String agent, String model) {
        return turns.merge(agent + "\u0000" + model, 1, Integer::sum);
    }

    private synchronized ModelBackend backend(ModelSpec spec) throws Exception {
        ModelBackend backend = started.get(spec.id());
        if (backend == null) {
            var provider = installed.provider(spec.backend()).orElseThrow(() ->
                    new ToolHandler.ToolUnavailable("no plugin serves model backend " + spec.backend()));
            try {
                backend = provider.create(spec, baseDir, secrets);
            } catch (ModelException e) {
                throw new ToolHandler.ToolUnavailable(e.getMessage());
            }
            started.put(spec.id(), backend);
        }
        return backend;
    }

    @Override
    public synchronized void close() {
        started.values().forEach(ModelBackend::close);
        started.clear();
    }
}
