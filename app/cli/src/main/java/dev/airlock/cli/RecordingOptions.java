package dev.airlock.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a run or a headless gate records what it decided: the options and their checks, shared by both commands. */
final class RecordingOptions {

    @Option(names = "--events", paramLabel = "FILE.jsonl", description = "Write every event as JSON lines.")
    Path events;

    @Option(names = "--trace", paramLabel = "FILE.jsonl", description = "Write the OpenTelemetry spans (one JSON "
            + "object a line) at the end; spans also go to OTEL_EXPORTER_OTLP_ENDPOINT when that is set.")
    Path trace;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Record raw payloads for replay (mode 0600; holds message content).")
    Path capture;

    /** Refuses, before anything starts, a file that could not be written. */
    void check() {
        if (events != null) {
            OutputFiles.check("--events", events, true);
        }
        if (trace != null) {
            OutputFiles.check("--trace", trace, true);
        }
        if (capture != null) {
            OutputFiles.check("--capture", capture, false);
        }
    }
}
