package dev.airlock.gate;

import dev.airlock.core.topology.Rate;

/** A token bucket: {@code burst} frames at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(Rate rate, long nowNanos) {
        this.perNano = rate.perSecond() / 1e9;
        this.capacity = Math.max(1, rate.burst());
        this.tokens = capacity;
        this.last = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
