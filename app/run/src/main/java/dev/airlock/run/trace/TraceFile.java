package dev.airlock.run.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code airlock run --trace FILE}: one JSON object a line per span (trace id, span id, parent id, name, start and
 * end in epoch nanoseconds, attributes). Spans are held until the run closes and the file is then written
 * atomically (a temporary file moved over it), so a reader never sees half a trace.
 */
final class TraceFile implements SpanExporter {

    private static final Logger LOG = LoggerFactory.getLogger(TraceFile.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();

    TraceFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        spans.forEach(s -> lines.add(line(s)));
        return CompletableResultCode.ofSuccess();
    }

    private String line(SpanData s) {
        ObjectNode o = json.createObjectNode()
                .put("traceId", s.getTraceId())
                .put("spanId", s.getSpanId())
                .put("parentId", s.getParentSpanContext().isValid() ? s.getParentSpanId() : null)
                .put("name", s.getName())
                .put("startNanos", s.getStartEpochNanos())
                .put("endNanos", s.getEndEpochNanos());
        ObjectNode attributes = o.putObject("attributes");
        s.getAttributes().forEach((AttributeKey<?> k, Object v) -> attributes.set(k.getKey(), json.valueToTree(v)));
        return o.toString();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            LOG.warn("could not write the trace to {}: {}", file, e.toString());
            deleteQuietly(temp);
            return CompletableResultCode.ofFailure();
        }
    }

    /** Nothing half-written stays behind when the trace could not be moved into place. */
    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", temp, e.toString());
        }
    }
}
