package dev.airlock.run.expect;

import java.time.Duration;
import java.util.List;

/**
 * A run's test case, kept beside a topology as {@code X.expected.yaml}: what the user sends once every agent is
 * ready, and what must (and must not) happen within a time limit. Decisions are matched on the gate's own
 * records, answers on what reaches the user.
 */
public record Expectations(List<Message> send, Duration within, List<DecisionMatcher> expect,
                           List<DecisionMatcher> forbid, List<AnswerMatcher> answers) {

    public Expectations {
        send = List.copyOf(send);
        expect = List.copyOf(expect);
        forbid = List.copyOf(forbid);
        answers = List.copyOf(answers);
    }

    /** A message the user sends to an agent. */
    public record Message(String to, String kind, String text) {
    }

    /**
     * Text the user must receive from an agent: containing {@code contains} and not {@code notContains}, both
     * matched case-insensitively.
     */
    public record AnswerMatcher(String from, String contains, String notContains) {

        public boolean matches(String sender, String text) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            return (from == null || from.equals(sender))
                    && (contains == null || t.contains(contains.toLowerCase(java.util.Locale.ROOT)))
                    && (notContains == null || !t.contains(notContains.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public String toString() {
            return "answer" + (from == null ? "" : " from " + from)
                    + (contains == null ? "" : " containing '" + contains + "'")
                    + (notContains == null ? "" : " without '" + notContains + "'");
        }
    }
}
