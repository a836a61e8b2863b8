package dev.airlock.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ChatMessage;
import dev.airlock.core.model.ModelRequest;
import dev.airlock.core.model.ToolDefinition;

import java.io.IOException;

/** The request body both APIs share: {@code model}, {@code messages}, and function {@code tools}. */
final class ChatJson {

    private ChatJson() {
    }

    static ObjectNode body(String model, ModelRequest request) {
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition t : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                        .put("name", t.name()).put("description", t.description());
                function.set("parameters", parameters(t));
            }
        }
        return body;
    }

    /** A tool without a usable schema takes an empty object rather than failing the conversation. */
    private static JsonNode parameters(ToolDefinition tool) {
        try {
            if (tool.parametersJson() != null && !tool.parametersJson().isBlank()) {
                JsonNode schema = JsonHttp.JSON.readTree(tool.parametersJson());
                if (schema.isObject()) {
                    return schema;
                }
            }
        } catch (IOException e) {
            // unreadable: use the empty object below
        }
        return JsonHttp.JSON.createObjectNode().put("type", "object");
    }
}
