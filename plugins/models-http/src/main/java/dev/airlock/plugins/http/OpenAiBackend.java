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

final class OpenAiBackend implements ModelBackend {

    private final URI uri;
    private final String model;
    private final String apiKey;
    private final JsonHttp http;

    OpenAiBackend(URI uri, String model, String apiKey, JsonHttp http) {
        this.uri = uri;
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws ModelException {
        ObjectNode body = ChatJson.body(model, request);
        Map<String, String> headers = apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        JsonNode answer = http.post(uri, body, headers, request.timeout());
        JsonNode message = answer.path("choices").path(0).path("message");
        if (message.isMissingNode()) {
            throw new ModelException(uri + " answered without choices[0].message");
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            calls.add(new ToolCall(call.path("id").asText(), function.path("name").asText(),
                    function.path("arguments").asText("{}")));
        }
        return new ModelResponse(message.path("content").asText(""), calls);
    }
}
