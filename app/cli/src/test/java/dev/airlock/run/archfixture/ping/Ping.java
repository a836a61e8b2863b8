package dev.airlock.run.archfixture.ping;

import dev.airlock.run.archfixture.pong.Pong;

/** A deliberate violation: half of a package cycle. Only the architecture test uses it. */
public final class Ping {

    public Pong answer() {
        return new Pong();
    }
}
