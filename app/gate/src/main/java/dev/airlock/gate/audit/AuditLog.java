package dev.airlock.gate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.event.GateDecision;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The audit log: JSONL, one line per decision with its rule, findings (rule names only), sizes and timings. It is
 * built from {@link GateDecision}, which carries no content, so the log cannot hold unmasked sensitive text.
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    public AuditLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public static ObjectNode toJson(GateDecision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", d.wallMillis());
        n.put("mono_ns", d.monotonicNanos());
        n.put("agent", d.agent());
        n.put("frame", d.frame());
        n.put("target", d.target());
        n.put("kind", d.kind());
        n.put("pipe", d.pipe());
        n.put("action", d.action().text());
        n.put("rule", d.rule());
        n.put("reason", d.reason());
        d.findings().forEach(n.putArray("findings")::add);
        n.put("bytes_in", d.bytesIn());
        n.put("bytes_out", d.bytesOut());
        n.put("gate_us", d.gateNanos() / 1000.0);
        n.put("model_us", d.modelNanos() / 1000.0);
        n.put("tool_us", d.toolNanos() / 1000.0);
        return n;
    }

    public synchronized void write(GateDecision d) {
        try {
            out.write(JSON.writeValueAsString(toJson(d)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
