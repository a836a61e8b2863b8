package dev.airlock.core.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an agent's scope as the topology file writes it: {@code tool} (the whole tool), {@code tool/op} (one
 * function of an MCP tool) or {@code tool/write} (a files or sql tool with writes granted). Which of the last two an
 * entry means depends on the tool's type, so the grammar keeps the text after the slash as the entry's qualifier
 * and leaves the meaning to {@link #covers} and the validator. {@link #toString()} gives the entry's text back.
 */
public final class Scope {

    /** The qualifier that grants writes to a files or sql tool. */
    public static final String WRITE = "write";

    private final String toolId;
    private final String qualifier;

    private Scope(String toolId, String qualifier) {
        this.toolId = toolId;
        this.qualifier = qualifier;
    }

    /**
     * @throws IllegalArgumentException when {@code entry} is not {@code id} or {@code id/qualifier}, both parts
     *                                  non-empty ({@code ""}, {@code "a/"}, {@code "/write"} and {@code "a/b/c"} are
     *                                  not entries)
     */
    public static Scope parse(String entry) {
        return tryParse(entry).orElseThrow(() -> new IllegalArgumentException("'" + entry
                + "' is not a scope entry: expected 'tool', 'tool/operation' or 'tool/write'"));
    }

    /** The entry, or empty when it does not follow the grammar of {@link #parse}. */
    public static Optional<Scope> tryParse(String entry) {
        if (entry == null) {
            return Optional.empty();
        }
        int slash = entry.indexOf('/');
        if (slash < 0) {
            return entry.isEmpty() ? Optional.empty() : Optional.of(new Scope(entry, null));
        }
        String id = entry.substring(0, slash);
        String qualifier = entry.substring(slash + 1);
        if (id.isEmpty() || qualifier.isEmpty() || qualifier.indexOf('/') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Scope(id, qualifier));
    }

    public String toolId() {
        return toolId;
    }

    /** The text after the slash: an MCP tool's function, or {@link #WRITE}; empty for a whole tool. */
    public Optional<String> qualifier() {
        return Optional.ofNullable(qualifier);
    }

    public boolean isWholeTool() {
        return qualifier == null;
    }

    /** Whether the entry reads {@code tool/write}, a write grant when the tool is a files or sql tool. */
    public boolean grantsWrite() {
        return WRITE.equals(qualifier);
    }

    /**
     * Whether this entry lets an agent call {@code call} (a {@code tool} or {@code tool/op} name) on a tool of
     * {@code type}: the same entry does; a whole tool covers each of its functions; and a write grant on a files or
     * sql tool covers the tool itself, which reads the grant when it runs.
     */
    public boolean covers(Scope call, ToolType type) {
        if (!toolId.equals(call.toolId)) {
            return false;
        }
        return Objects.equals(qualifier, call.qualifier) || isWholeTool()
                || (call.isWholeTool() && grantsWrite() && (type == ToolType.FILES || type == ToolType.SQL));
    }

    /** The same entry for a renamed tool. */
    public Scope withToolId(String id) {
        if (!parse(id).isWholeTool()) {
            throw new IllegalArgumentException("'" + id + "' is not a tool id");
        }
        return new Scope(id, qualifier);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope s && toolId.equals(s.toolId) && Objects.equals(qualifier, s.qualifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toolId, qualifier);
    }

    @Override
    public String toString() {
        return qualifier == null ? toolId : toolId + "/" + qualifier;
    }
}
