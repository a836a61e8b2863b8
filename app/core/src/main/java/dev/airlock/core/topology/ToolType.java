package dev.airlock.core.topology;

/** Gate-side built-ins and containerized MCP servers. */
public enum ToolType implements Named {
    HTTP_FETCH("http.fetch"),
    FILES("files"),
    SQL("sql"),
    MCP("mcp");

    private final String text;

    ToolType(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }

    public boolean runsInContainer() {
        return this == MCP;
    }
}
