package dev.airlock.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;

import java.util.ArrayList;
import java.util.List;

/**
 * The user socket's JSON lines, both ways. To the gate: {@code {"type":"send","id":1,"to":…,"kind":…,"text":…}}.
 * From it: {@code hello} once and first, a {@code verdict} per send, a {@code decision} per gate decision (the
 * fields an expectation can name, never content), a {@code delivery} per message to the user, {@code error} for a
 * bad line.
 */
public final class UserWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserWire() {
    }

    static String hello() {
        return line(JSON.createObjectNode().put("type", "hello").put("v", 1));
    }

    static String error(String reason) {
        return line(JSON.createObjectNode().put("type", "error").put("reason", reason));
    }

    static String verdict(long id, GateAction action, String rule, String reason) {
        return line(JSON.createObjectNode().put("type", "verdict").put("id", id).put("action", action.text())
                .put("rule", rule).put("reason", reason));
    }

    static String delivery(String from, String kind, String text) {
        return line(JSON.createObjectNode().put("type", "delivery").put("from", from).put("kind", kind)
                .put("text", text));
    }

    static String decision(GateDecision d) {
        ObjectNode n = JSON.createObjectNode().put("type", "decision").put("agent", d.agent()).put("frame", d.frame())
                .put("target", d.target()).put("kind", d.kind()).put("pipe", d.pipe())
                .put("action", d.action().text()).put("rule", d.rule());
        d.findings().forEach(n.putArray("findings")::add);
        if (d.findings().isEmpty()) {
            n.putArray("findings");
        }
        return line(n);
    }

    public static String send(long id, String to, String kind, String text) {
        return line(JSON.createObjectNode().put("type", "send").put("id", id).put("to", to).put("kind", kind)
                .put("text", text));
    }

    /** A decision line back as the event it describes (timings and sizes are not carried: zero). */
    public static GateDecision decisionOf(JsonNode n) {
        List<String> findings = new ArrayList<>();
        n.path("findings").forEach(f -> findings.add(f.asText()));
        return new GateDecision(0, 0, n.path("agent").asText(), n.path("frame").asText(), n.path("target").asText(),
                n.path("kind").asText(), n.path("pipe").asText(), action(n.path("action").asText()),
                n.path("rule").asText(), "", findings, 0, 0, 0, 0, 0);
    }

    public static GateAction action(String text) {
        for (GateAction a : GateAction.values()) {
            if (a.text().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown gate action '" + text + "'");
    }

    private static String line(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
