package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.airlock.core.tool.ToolException;

import java.io.IOException;

/** Tool arguments and results are JSON; a call whose arguments are not is refused, not crashed on. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private Json() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    static JsonNode read(String text) throws ToolException {
        try {
            JsonNode node = MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
            if (!node.isObject()) {
                throw ToolException.refused("tool.arguments", "arguments must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ToolException.refused("tool.arguments", "arguments are not valid JSON");
        }
    }
}
