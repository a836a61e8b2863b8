package dev.airlock.run.inspect;

import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.Replay;
import dev.airlock.gate.audit.CaptureLog;
import dev.airlock.run.RunException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A captured run re-decided under a (changed) policy: what {@code airlock replay} and scenarios' what-ifs show. */
public final class CaptureReplay {

    /** One frame whose decision would change; {@code what} says which frame, in a person's words. */
    public record Change(long seq, String what, String before, String after) {
    }

    public record Diff(List<Change> changes, String summary) {
    }

    private CaptureReplay() {
    }

    public static Diff replay(Path capture, Topology policy) {
        Replay.Report report;
        try {
            report = Replay.run(CaptureLog.read(capture), policy);
        } catch (UnreadableFileException | IOException e) {
            throw new RunException(e.getMessage());
        }
        return new Diff(report.changes().stream()
                .map(c -> new Change(c.record().seq(), c.describe(), c.before(), c.after())).toList(),
                report.summary());
    }
}
