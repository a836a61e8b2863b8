package dev.airlock.gate;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The user's end of the gate, held by the host (CLI or desktop). What the user sends passes the same pipeline as
 * any agent's message; what agents deliver to the user queues here (bounded) or goes to a listener.
 */
public final class UserChannel {

    static final int BACKLOG = 1024;

    private final String id;
    private final Gate gate;
    private final BlockingQueue<Delivery> inbox = new ArrayBlockingQueue<>(BACKLOG);
    private volatile Consumer<Delivery> listener;

    UserChannel(String id, Gate gate) {
        this.id = id;
        this.gate = gate;
    }

    public String id() {
        return id;
    }

    /** Sends as the user; the returned verdict says whether it was delivered, masked or blocked and why. */
    public Verdict send(String to, String kind, String text) {
        return gate.sendAsUser(to, kind, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next delivery to the user, or null after the timeout. Unused when a listener is set. */
    public Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
        return inbox.poll(timeout, unit);
    }

    /** Hands every later delivery to {@code listener} (on the sending agent's thread: keep it short). */
    public void onDelivery(Consumer<Delivery> listener) {
        this.listener = listener;
    }

    boolean accept(Delivery d) {
        Consumer<Delivery> l = listener;
        if (l != null) {
            l.accept(d);
            return true;
        }
        return inbox.offer(d);
    }
}
