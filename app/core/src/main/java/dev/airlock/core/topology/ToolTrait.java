package dev.airlock.core.topology;

/** What a tool exposes an agent to; three together on one agent make the classic exfiltration risk. */
public enum ToolTrait implements Named {
    UNTRUSTED_CONTENT("untrusted-content"),
    PRIVATE_DATA("private-data"),
    EXTERNAL_SEND("external-send");

    private final String text;

    ToolTrait(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
