package dev.airlock.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.ModelRequest;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.ToolCall;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ollama differs from Chat Completions in shape: one {@code message}, arguments as objects, no call ids. */
final class OllamaBackend implements ModelBackend {

    private final URI uri;
    private final String model;
    private final String token;
    private final JsonHttp http;

    OllamaBackend(URI uri, String model, String token, JsonHttp http) {
        this.uri = uri;
        this.model = model;
        this.token = token;
        this.http = http;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws ModelException {
        ObjectNode body = ChatJson.body(model, request).put("stream", false);
        // A token matters only when Ollama sits behind an authenticating proxy.
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        JsonNode answer = http.post(uri, body, headers, request.timeout());
        JsonNode message = answer.path("message");
        if (message.isMissingNode()) {
            throw new ModelException(uri + " answered without a message");
        }
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = message.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode function = toolCalls.get(i).path("function");
            calls.add(new ToolCall("call-" + (i + 1), function.path("name").asText(),
                    function.path("arguments").toString()));
        }
        return new ModelResponse(message.path("content").asText(""), calls);
    }
}
