package dev.airlock.sdk;

import java.io.IOException;

/** The gate refused a request ({@code block}) or reported an error; {@code rule} is empty for errors. */
public final class GateException extends IOException {

    private final String code;
    private final String rule;

    public GateException(String code, String rule, String reason) {
        super((rule.isEmpty() ? code : "blocked by " + rule) + ": " + reason);
        this.code = code;
        this.rule = rule;
    }

    public String code() {
        return code;
    }

    public String rule() {
        return rule;
    }

    public boolean blocked() {
        return !rule.isEmpty();
    }
}
