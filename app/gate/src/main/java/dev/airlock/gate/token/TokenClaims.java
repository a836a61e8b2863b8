package dev.airlock.gate.token;

import java.util.List;

/**
 * What a gate token asserts: the agent holding it, the user it acts for, the delegation chain from the user down
 * to the agent, the scopes granted (tools and models by id), and its validity in epoch milliseconds.
 */
public record TokenClaims(String agent, String user, List<String> chain, List<String> scopes, long issuedAt,
                          long expiresAt, String id) {

    public TokenClaims {
        chain = List.copyOf(chain);
        scopes = List.copyOf(scopes);
    }
}
