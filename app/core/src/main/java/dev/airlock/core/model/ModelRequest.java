package dev.airlock.core.model;

import java.time.Duration;
import java.util.List;

/**
 * What an agent asked of a model, after the gate identified the agent and checked its scope.
 * {@code turn} counts this agent's requests to this model, from 1, so scripted backends can answer in sequence.
 */
public record ModelRequest(String agent, String modelId, List<ChatMessage> messages, List<ToolDefinition> tools,
                           int turn, Duration timeout) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** The newest message other than the system prompt: a user's text or a tool's result. */
    public String latestContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (!messages.get(i).role().equals("system")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The last user message: the task, as opposed to what tools returned since. */
    public String lastUserContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
