package dev.airlock.run.inspect;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.Replay;
import dev.airlock.gate.audit.CaptureLog;
import dev.airlock.gate.audit.CaptureRecord;
import dev.airlock.run.RunException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A captured run re-decided under a (changed) policy: what {@code airlock replay} and scenarios' what-ifs show. */
public final class CaptureReplay {

    /** One frame whose decision would change; {@code what} says which frame, in a person's words. */
    public record Change(long seq, String what, String before, String after) {
    }

    public record Diff(List<Change> changes, String summary) {
    }

    /**
     * One captured frame as the gate saw it: its raw payload and the decision taken then. {@code frame} is
     * {@code send}, {@code tool.call}, {@code tool.result}, {@code model.complete} or {@code model.result};
     * {@code target} is the peer, tool or model.
     */
    public record Frame(long seq, String agent, String frame, String target, String kind, String payload,
                        GateAction action, String rule) {
    }

    /** A capture read once, to be re-decided as often as its policy is edited (the workbench's what-if). */
    public static final class Capture {

        private final Path file;
        private final List<CaptureRecord> records;
        private final List<Frame> frames;

        private Capture(Path file, List<CaptureRecord> records) {
            this.file = file;
            this.records = List.copyOf(records);
            this.frames = records.stream().map(r -> new Frame(r.seq(), r.agent(), r.frame(), r.target(), r.kind(),
                    new String(r.body(), StandardCharsets.UTF_8), r.action(), r.rule())).toList();
        }

        public Path file() {
            return file;
        }

        public List<Frame> frames() {
            return frames;
        }

        /** Re-decides every frame under {@code policy}; safe to call from any thread. */
        public Diff redecide(Topology policy) {
            Replay.Report report = Replay.run(records, policy);
            return new Diff(report.changes().stream()
                    .map(c -> new Change(c.record().seq(), c.describe(), c.before(), c.after())).toList(),
                    report.summary());
        }
    }

    private CaptureReplay() {
    }

    public static Diff replay(Path capture, Topology policy) {
        return load(capture).redecide(policy);
    }

    /** Reads a capture file; a missing or broken file is a {@link RunException} naming the file (and line). */
    public static Capture load(Path capture) {
        try {
            return new Capture(capture, CaptureLog.read(capture));
        } catch (UnreadableFileException | IOException e) {
            throw new RunException(e.getMessage());
        }
    }
}
