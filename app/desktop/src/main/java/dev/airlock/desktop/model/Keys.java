package dev.airlock.desktop.model;

import dev.airlock.core.topology.PipeSpec;

/**
 * Selection and marker keys. Nodes and pipes use the validator's element names ({@code agent:planner},
 * {@code pipe:a->b}) so problems map onto the canvas without translation; scope edges have no validator name.
 */
public final class Keys {

    public static final String PIPE = "pipe:";
    public static final String SCOPE = "scope:";

    private Keys() {
    }

    public static String pipe(PipeSpec p) {
        return PIPE + p.id();
    }

    public static String scope(String agent, String entry) {
        return SCOPE + agent + ">" + entry;
    }

    public static boolean isPipe(String key) {
        return key.startsWith(PIPE);
    }

    public static boolean isScope(String key) {
        return key.startsWith(SCOPE);
    }

    public static boolean isEdge(String key) {
        return isPipe(key) || isScope(key);
    }

    /** The id part of a node key ({@code agent:planner} gives {@code planner}). */
    public static String id(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    /** For a scope key: the agent and the scope entry. */
    public static String[] scopeParts(String key) {
        return key.substring(SCOPE.length()).split(">", 2);
    }
}
