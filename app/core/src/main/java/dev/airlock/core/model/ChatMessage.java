package dev.airlock.core.model;

/** One turn of a conversation: {@code system}, {@code user}, {@code assistant} or {@code tool}. */
public record ChatMessage(String role, String content) {

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }
}
