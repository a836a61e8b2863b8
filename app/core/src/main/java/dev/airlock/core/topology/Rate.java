package dev.airlock.core.topology;

/** A token bucket: a steady rate and a burst it may briefly exceed it by. */
public record Rate(double perSecond, int burst) {
    public static final Rate DEFAULT = new Rate(50, 100);

    public Rate withPerSecond(double perSecond) {
        return new Rate(perSecond, burst);
    }

    public Rate withBurst(int burst) {
        return new Rate(perSecond, burst);
    }
}
