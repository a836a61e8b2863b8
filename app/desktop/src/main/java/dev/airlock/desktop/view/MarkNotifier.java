package dev.airlock.desktop.view;

import dev.airlock.core.event.GateAction;
import dev.airlock.desktop.live.LiveState;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Raises the notification for blocked and masked calls: at most one per {@link #EVERY}, naming the latest refusal
 * and counting the others since the last one. Each notification is a window of its own and showing one takes a
 * long pulse; a hostile agent refused hundreds of times a second must not open one per pulse, nor stack them.
 * Clicking it shows where the latest one happened.
 */
final class MarkNotifier {

    /** As long as one stays up: one notification on screen at a time. */
    static final Duration EVERY = Duration.seconds(6);

    private final Window owner;
    private final Consumer<LiveState.Mark> show;
    private final Throttle throttle = new Throttle(EVERY, this::raise);
    private LiveState.Mark latest;
    private int since;

    MarkNotifier(Window owner, Consumer<LiveState.Mark> show) {
        this.owner = owner;
        this.show = show;
    }

    /** A batch's marks; call on the FX thread. */
    void offer(List<LiveState.Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        latest = marks.getLast();
        since += marks.size();
        throttle.request();
    }

    /** Forgets what was not shown yet (a new run, or the window closing). */
    void reset() {
        throttle.cancel();
        latest = null;
        since = 0;
    }

    private void raise() {
        LiveState.Mark last = latest;
        int count = since;
        latest = null;
        since = 0;
        if (last == null || !owner.isShowing()) {
            return;
        }
        String more = count == 1 ? "" : String.format(Locale.ROOT, "\n(and %,d more since the last notice)", count - 1);
        Notifications n = Notifications.create().owner(owner)
                .title(last.action() == GateAction.MASK ? "Masked by the gate" : "Blocked by the gate")
                .text(last.text() + "\n" + last.reason() + more)
                .hideAfter(EVERY)
                .onAction(e -> show.accept(last));
        if (last.action() == GateAction.MASK) {
            n.showInformation();
        } else {
            n.showWarning();
        }
    }
}
