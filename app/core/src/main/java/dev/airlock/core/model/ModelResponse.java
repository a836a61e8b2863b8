package dev.airlock.core.model;

import java.util.List;

/** A model's answer: text, tool calls, or both. */
public record ModelResponse(String content, List<ToolCall> toolCalls) {

    public ModelResponse {
        content = content == null ? "" : content;
        toolCalls = List.copyOf(toolCalls);
    }

    public static ModelResponse text(String content) {
        return new ModelResponse(content, List.of());
    }
}
