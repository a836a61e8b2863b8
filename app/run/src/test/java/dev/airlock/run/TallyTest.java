package dev.airlock.run;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TallyTest {

    private static GateDecision decision(String frame, String pipe, String target, GateAction action,
                                         long gate, long model, long tool) {
        return new GateDecision(0, 0, "a", frame, target, "message", pipe, action, "", "", List.of(), 0, 0,
                gate, model, tool);
    }

    @Test
    void countsEachPipeByOutcomeAndLeavesHellosOut() {
        Tally t = new Tally();
        t.publish(decision("hello", "", "", GateAction.DELIVER, 5, 0, 0));
        t.publish(decision("send", "a->b", "b", GateAction.DELIVER, 1, 0, 0));
        t.publish(decision("send", "a->b", "b", GateAction.MASK, 1, 0, 0));
        t.publish(decision("tool.call", "", "mailer/send_email", GateAction.BLOCK, 1, 0, 0));

        assertThat(t.pipes()).containsEntry("a->b", new Tally.Counts(1, 1, 0))
                .containsEntry("a -> mailer/send_email", new Tally.Counts(0, 0, 1));
        assertThat(t.totals()).isEqualTo(new Tally.Counts(1, 1, 1));
        assertThat(t.overhead().decisions()).isEqualTo(3);
    }

    @Test
    void percentilesAreOverTheDecisionsThatSpentThatTime() {
        Tally t = new Tally();
        for (int i = 1; i <= 100; i++) {
            // Gate: 1..100 µs; the model only on every tenth decision, 10 ms each.
            t.publish(decision("model.request", "", "llm", GateAction.DELIVER, i * 1_000L,
                    i % 10 == 0 ? 10_000_000L : 0, 0));
        }
        Tally.Overhead o = t.overhead();
        assertThat(o.gate().p50Millis()).isEqualTo(0.050);
        assertThat(o.gate().p99Millis()).isEqualTo(0.099);
        assertThat(o.model().count()).isEqualTo(10);
        assertThat(o.model().p50Millis()).isEqualTo(10.0);
        assertThat(o.tool().count()).isZero();
        assertThat(o.tool().p50Millis()).isNaN();
        // 5.05 ms in the gate against 100 ms in the model.
        assertThat(o.gateShare()).isCloseTo(5.05 / 105.05, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void percentilesFollowTheLatestDecisions() {
        Tally t = new Tally();
        for (int i = 0; i < Tally.WINDOW; i++) {
            t.publish(decision("send", "a->b", "b", GateAction.DELIVER, 1_000_000L, 0, 0));
        }
        for (int i = 0; i < Tally.WINDOW; i++) {
            t.publish(decision("send", "a->b", "b", GateAction.DELIVER, 2_000_000L, 0, 0));
        }
        assertThat(t.overhead().gate().p50Millis()).isEqualTo(2.0);
        assertThat(t.overhead().gateNanos()).isEqualTo(Tally.WINDOW * 3_000_000L);
    }
}
