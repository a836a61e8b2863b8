package dev.airlock.desktop.model;

/** What a canvas node stands for. MCP servers are tools with their own container, so they get their own kind. */
public enum ElementKind {
    USER("user", "User"),
    AGENT("agent", "Agent"),
    TOOL("tool", "Tool"),
    MCP("tool", "MCP server"),
    MODEL("model", "Model");

    private final String prefix;
    private final String label;

    ElementKind(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    /** The prefix the validator uses in {@code Problem.element()}, so markers land on the right node. */
    public String prefix() {
        return prefix;
    }

    public String label() {
        return label;
    }

    public String key(String id) {
        return prefix + ":" + id;
    }

    /** Agents and the user talk through pipes; tools and models are reached through an agent's scopes. */
    public boolean isParty() {
        return this == USER || this == AGENT;
    }
}
