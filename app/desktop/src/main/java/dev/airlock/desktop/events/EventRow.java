package dev.airlock.desktop.events;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateConnection;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.event.SandboxRestarted;
import dev.airlock.core.event.SandboxStarted;
import dev.airlock.core.event.SandboxStats;
import dev.airlock.run.OutputRedaction;
import dev.airlock.run.inspect.CaptureReplay;

import java.util.Locale;

/**
 * One line of the events table, from a run's event or a captured frame. {@code verdict} is the gate's action
 * ({@code deliver}, {@code block}, ...) and empty for what the gate did not decide; {@code payload} is what was
 * sent, raw, or null when the event carries none. Only {@code maskedPayload} (personal data and secrets masked as
 * in agents' output) is shown until someone asks to see the payload; it is masked once, when the row is made.
 */
public record EventRow(long seq, long wallMillis, String type, String agent, String frame, String target,
                       String kind, String verdict, String rule, String detail, String payload,
                       String maskedPayload) {

    /** Who sent to whom ({@code researcher → web}), or the agent alone for its own events. */
    public String route() {
        return target.isEmpty() ? agent : agent + " → " + target;
    }

    /** The gate's verdict and the rule that made it ({@code block scope.tool}), as replays print decisions. */
    public String decision() {
        return rule.isEmpty() ? verdict : verdict + " " + rule;
    }

    /** What the row is, as the table's "what" column says it: the frame and kind, or the event. */
    public String what() {
        if (frame.isEmpty()) {
            return type;
        }
        return kind.isEmpty() ? frame : frame + " [" + kind + "]";
    }

    /** Whether the text filter finds {@code needle} (lower case) in what the row shows; never in the payload. */
    boolean mentions(String needle) {
        return contains(agent, needle) || contains(target, needle) || contains(what(), needle)
                || contains(verdict, needle) || contains(rule, needle) || contains(detail, needle);
    }

    private static boolean contains(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }

    public static EventRow of(CaptureReplay.Frame f) {
        return new EventRow(f.seq(), 0, "captured", f.agent(), f.frame(), f.target(), f.kind(), f.action().text(),
                f.rule(), "", f.payload(), OutputRedaction.mask(f.payload()));
    }

    /** The row for a run's event, or null for what the table does not list (resource samples). */
    public static EventRow of(long seq, AirlockEvent event) {
        long t = event.wallMillis();
        return switch (event) {
            case GateDecision d -> new EventRow(seq, t, d.type(), d.agent(), d.frame(), d.target(), d.kind(),
                    d.action().text(), d.rule(), d.findings().isEmpty() ? d.reason()
                    : d.reason() + (d.reason().isEmpty() ? "" : " ") + "(found: " + String.join(", ", d.findings())
                    + ")", null, null);
            case GateConnection c -> own(seq, t, c.type(), c.agent(), c.up() ? "connected over " + c.transport()
                    : "disconnected" + (c.reason().isEmpty() ? "" : ": " + c.reason()));
            case SandboxOutput o -> {
                String masked = OutputRedaction.mask(o.line());
                yield new EventRow(seq, t, o.type(), o.agentId(), o.stderr() ? "stderr" : "stdout", "", "", "", "",
                        masked, o.line(), masked);
            }
            case SandboxStarted s -> own(seq, t, s.type(), s.agentId(), "container started from " + s.image()
                    + (s.attempt() > 0 ? " (attempt " + (s.attempt() + 1) + ")" : ""));
            case SandboxReady r -> own(seq, t, r.type(), r.agentId(),
                    String.format(Locale.ROOT, "ready after %.0f ms", r.readyMillis()));
            case SandboxExited x -> own(seq, t, x.type(), x.agentId(), "exit " + x.exitCode()
                    + (x.oomKilled() ? ", out of memory" : "") + (x.reason().isEmpty() ? "" : ": " + x.reason())
                    + (x.restarting() ? " (restarting)" : ""));
            case SandboxRestarted r -> own(seq, t, r.type(), r.agentId(), "restart " + r.attempt() + " after "
                    + r.delayMillis() + " ms");
            case SandboxRemoved r -> own(seq, t, r.type(), r.agentId(), "removed " + r.what() + " " + r.name()
                    + (r.leftover() ? " (left over from an earlier run)" : ""));
            case SandboxStats ignored -> null;
        };
    }

    private static EventRow own(long seq, long wallMillis, String type, String agent, String detail) {
        return new EventRow(seq, wallMillis, type, agent == null ? "" : agent, "", "", "", "", "", detail, null, null);
    }
}
