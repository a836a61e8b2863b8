package dev.airlock.gate.token;

/**
 * Decides which agent a TCP connection is, from the token in its hello: the gate's own launch tokens by default,
 * or {@link ProjectedTokens} when the agents run in Kubernetes. Over TCP the token is the only identity there is.
 */
@FunctionalInterface
public interface TcpAuthenticator {

    /** The agent id the token proves, or a {@link TokenException} naming why it proves nothing. */
    String agentOf(String token) throws TokenException;
}
