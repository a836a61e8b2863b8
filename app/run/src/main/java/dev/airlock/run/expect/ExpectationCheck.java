package dev.airlock.run.expect;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches a run against its expectations: every {@code expect} decision and {@code answers} text must be seen,
 * no {@code forbid} decision may be. Completes as soon as all are seen, so a passing run ends early.
 */
public final class ExpectationCheck implements EventSink {

    private final Expectations expectations;
    private final boolean[] seen;
    private final boolean[] answered;
    private final List<String> violations = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);

    public ExpectationCheck(Expectations expectations) {
        this.expectations = expectations;
        this.seen = new boolean[expectations.expect().size()];
        this.answered = new boolean[expectations.answers().size()];
    }

    @Override
    public synchronized void publish(AirlockEvent event) {
        if (event instanceof GateDecision d) {
            for (int i = 0; i < seen.length; i++) {
                seen[i] |= expectations.expect().get(i).matches(d);
            }
            for (DecisionMatcher f : expectations.forbid()) {
                if (f.matches(d)) {
                    violations.add("forbidden " + f + " happened: " + d.agent() + " " + d.frame() + " "
                            + d.target() + " -> " + d.action() + (d.rule().isEmpty() ? "" : " (" + d.rule() + ")"));
                }
            }
            checkDone();
        }
    }

    /** What the user received, from the gate's user channel. */
    public synchronized void answer(String from, String text) {
        received.add(from + ": " + text);
        for (int i = 0; i < answered.length; i++) {
            answered[i] |= expectations.answers().get(i).matches(from, text);
        }
        checkDone();
    }

    private void checkDone() {
        for (boolean b : seen) {
            if (!b) {
                return;
            }
        }
        for (boolean b : answered) {
            if (!b) {
                return;
            }
        }
        done.countDown();
    }

    public boolean await() throws InterruptedException {
        return done.await(expectations.within().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One line per expectation that failed; empty when the run met them all. */
    public synchronized List<String> failures() {
        List<String> out = new ArrayList<>(violations);
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                out.add("expected " + expectations.expect().get(i) + " did not happen");
            }
        }
        for (int i = 0; i < answered.length; i++) {
            if (!answered[i]) {
                out.add("expected " + expectations.answers().get(i) + " did not arrive");
            }
        }
        return out;
    }

    /** What reached the user, as "sender: text", in arrival order. */
    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    public synchronized int met() {
        int n = 0;
        for (boolean b : seen) {
            n += b ? 1 : 0;
        }
        for (boolean b : answered) {
            n += b ? 1 : 0;
        }
        return n;
    }

    public int total() {
        return seen.length + answered.length;
    }
}
