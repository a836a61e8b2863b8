package dev.airlock.gate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.topology.Named;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The opt-in capture file: raw payloads with the decisions taken, for {@code airlock replay}. It holds exactly
 * what the audit log must not, so it is created with mode 0600 (before any byte is written) and never appended to
 * an existing file with other permissions.
 */
public final class CaptureLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Replay holds a whole capture in memory; this is hours of a workshop run. */
    public static final int MAX_BYTES = 64 * BoundedFiles.MIB;

    private final BufferedWriter out;
    private final AtomicLong seq = new AtomicLong();

    public CaptureLog(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------")));
        // CREATE_NEW applies the umask; set the mode again so it is exactly 0600.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        this.out = new BufferedWriter(Channels.newWriter(ch, StandardCharsets.UTF_8));
    }

    public synchronized void write(String agent, String frame, String target, String kind, byte[] body,
                                   GateAction action, String rule) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", seq.incrementAndGet());
        n.put("agent", agent);
        n.put("frame", frame);
        n.put("target", target == null ? "" : target);
        n.put("kind", kind == null ? "" : kind);
        n.put("body", Base64.getEncoder().encodeToString(body));
        n.put("action", action.text());
        n.put("rule", rule == null ? "" : rule);
        try {
            out.write(JSON.writeValueAsString(n));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture", e);
        }
    }

    /**
     * Reads a capture; a broken line is reported with its line number.
     *
     * @throws dev.airlock.core.file.UnreadableFileException when the file cannot be read as text at all
     */
    public static List<CaptureRecord> read(Path file) throws IOException {
        List<CaptureRecord> records = new ArrayList<>();
        int lineNo = 0;
        for (String line : BoundedFiles.readText(file, MAX_BYTES, "a capture").split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                records.add(new CaptureRecord(n.path("seq").asLong(lineNo), text(n, "agent"), text(n, "frame"),
                        n.path("target").asText(""), n.path("kind").asText(""),
                        Base64.getDecoder().decode(text(n, "body")), action(text(n, "action")),
                        n.path("rule").asText("")));
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(file + ":" + lineNo + ": not a capture record (" + e.getMessage()
                        .lines().findFirst().orElse("") + ")");
            }
        }
        return records;
    }

    private static GateAction action(String text) {
        return Named.parse(GateAction.class, text).orElseThrow(() ->
                new IllegalArgumentException("unknown action \"" + text + "\""));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
