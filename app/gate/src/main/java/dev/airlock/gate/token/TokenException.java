package dev.airlock.gate.token;

/** A token the gate refuses; {@link #rule()} names why ({@code token.expired}, {@code token.forged}, ...). */
public final class TokenException extends Exception {

    private final String rule;

    public TokenException(String rule, String reason) {
        super(reason, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
