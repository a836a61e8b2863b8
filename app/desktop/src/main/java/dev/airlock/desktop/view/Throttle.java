package dev.airlock.desktop.view;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action at most once per interval on the FX thread: a request within the interval of the last run is
 * folded into one more run when the interval is up, so the latest state is always shown, just not sixty times a
 * second.
 */
final class Throttle {

    private final long intervalNanos;
    private final Runnable action;
    private final PauseTransition pending = new PauseTransition();
    private long last;

    Throttle(Duration every, Runnable action) {
        this.intervalNanos = (long) (every.toMillis() * 1_000_000);
        this.action = action;
        this.last = System.nanoTime() - intervalNanos;
        pending.setOnFinished(e -> now());
    }

    /** Runs the action now if it has not run within the interval, else once when the interval is up. */
    void request() {
        long since = System.nanoTime() - last;
        if (since >= intervalNanos) {
            now();
        } else if (pending.getStatus() != Animation.Status.RUNNING) {
            pending.setDuration(Duration.millis((intervalNanos - since) / 1e6));
            pending.playFromStart();
        }
    }

    /** Runs the action now, taking the place of a pending run. */
    void now() {
        pending.stop();
        last = System.nanoTime();
        action.run();
    }

    /** Drops a pending run. */
    void cancel() {
        pending.stop();
    }
}
