package dev.airlock.run.archfixture.pong;

import dev.airlock.run.archfixture.ping.Ping;

/** A deliberate violation: the other half of a package cycle. Only the architecture test uses it. */
public final class Pong {

    public Ping serve() {
        return new Ping();
    }
}
