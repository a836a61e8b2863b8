package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;

import java.io.IOException;
import java.util.List;

/**
 * The gate's answers about a frame: an {@code error} when the frame itself is unusable, a {@code block} when policy
 * refuses it, a {@code masked} notice when it went through with parts masked. Each refers to the agent's {@code id};
 * an id sent as a list is echoed as its text, since header values cannot nest.
 */
final class Replies {

    private Replies() {
    }

    static Frame error(String code, String reason, Object ref) {
        Header.Builder h = Header.type("error").put("code", code).put("reason", reason);
        if (ref != null) {
            h.put("ref", flat(ref));
        }
        return Frame.of(h.build());
    }

    static Frame block(Object ref, Verdict v) {
        return Frame.of(Header.type("block").put("ref", flat(ref)).put("rule", v.rule()).put("reason", v.reason())
                .build());
    }

    /**
     * Tells the sender that what it sent (or what it is about to receive) went through masked, and by which rule: a
     * notice with a type of its own, so clients waiting on {@code ref} for a result are not mistaken into a refusal.
     */
    static void noticeIfMasked(Session s, Object ref, Verdict v, String what) throws IOException {
        if (v.action() == GateAction.MASK) {
            s.send(Frame.of(Header.type("masked").put("ref", flat(ref)).put("rule", v.rule())
                    .put("reason", what + " " + v.reason()).build()));
        }
    }

    private static Object flat(Object ref) {
        return ref instanceof List<?> ? ref.toString() : ref;
    }
}
