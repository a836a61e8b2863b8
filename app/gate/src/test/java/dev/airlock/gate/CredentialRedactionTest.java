package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.ToolCall;
import dev.airlock.core.tool.ToolException;
import dev.airlock.gate.audit.CaptureLog;
import dev.airlock.gate.audit.CaptureRecord;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins that say the credential back, on every path a plugin answers by: a model's tool call, a tool's result, a
 * tool's refusal. The gate is real, the agent speaks raw frames over its Unix socket, audit and capture are files.
 * The key is random and looks like no known key format, so only the gate's registry of resolved values, not the
 * {@code secrets} guardrail, can know it.
 */
class CredentialRedactionTest {

    private static final String KEY = "cred" + HexFormat.of().toHexDigits(new SecureRandom().nextLong())
            + HexFormat.of().toHexDigits(new SecureRandom().nextInt());

    /** The promise: no 8 consecutive characters of a credential leave the gate. */
    private static final int PIECE = 8;

    @TempDir
    Path dir;

    private Gate gate;
    private EventStream.Subscription events;
    private final AtomicInteger toolCalls = new AtomicInteger();

    @BeforeEach
    void start() {
        gate = Gate.start(Fixtures.topology(), GateOptions.builder()
                .auditLog(dir.resolve("audit.jsonl"))
                .capture(dir.resolve("capture.jsonl"))
                .credentials(ref -> KEY)
                .models((spec, secrets) -> {
                    String key = secrets.resolve(spec.credential());
                    return request -> new ModelResponse("calling with " + key.substring(2, 14),
                            List.of(new ToolCall("call-" + key, "notes", "{\"note\":\"" + key + "\"}")));
                })
                .tools(spec -> new FakeTool(call -> {
                    if (toolCalls.incrementAndGet() == 1) {
                        return "{\"page\":\"the server saw token " + KEY + "\"}";
                    }
                    throw ToolException.refused("notes.echo", "refused token " + KEY.substring(5));
                }))
                .build());
        events = gate.events().subscribe(10_000);
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void whatPluginsSayBackLosesTheCredentialEverywhere() throws Exception {
        AgentIdentity self = AgentIdentity.ownerOf(dir);
        List<Frame> received = new ArrayList<>();
        try (AgentClient planner = AgentClient.ready(gate.listenUnix("planner", dir.resolve("p"), self))) {
            planner.send(Frame.of(Header.type("model.complete").put("id", 1L).put("model", "llm").build(),
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            received.addAll(answersTo(planner, 1L));
            planner.send(Frame.of(Header.type("tool.call").put("id", 2L).put("tool", "notes").build(), "{}"));
            received.addAll(answersTo(planner, 2L));
            planner.send(Frame.of(Header.type("tool.call").put("id", 3L).put("tool", "notes").build(), "{}"));
            received.addAll(answersTo(planner, 3L));
        }
        gate.close();

        assertThat(received).extracting(Frame::type).as("each request was answered")
                .contains("model.result", "block");
        StringBuilder frames = new StringBuilder();
        received.forEach(f -> frames.append(f.header()).append(' ').append(f.bodyText()).append('\n'));
        assertNoPieceOfTheKey("frames the agent received", frames.toString());
        assertThat(frames).as("the model's answer arrives, masked").contains("[REDACTED:credential]");
        List<AirlockEvent> seen = new ArrayList<>();
        events.drainTo(seen, 10_000);
        assertNoPieceOfTheKey("events", seen.toString());
        assertNoPieceOfTheKey("audit log", Files.readString(dir.resolve("audit.jsonl")));
        StringBuilder capture = new StringBuilder(Files.readString(dir.resolve("capture.jsonl")));
        for (CaptureRecord r : CaptureLog.read(dir.resolve("capture.jsonl"))) {
            capture.append(new String(r.body(), StandardCharsets.UTF_8)).append('\n');
        }
        assertThat(capture).as("the capture kept the tool's result").contains("the server saw token");
        assertNoPieceOfTheKey("capture", capture.toString());
    }

    /** Every frame up to the one that ends request {@code id}: its result, block or error. */
    private static List<Frame> answersTo(AgentClient agent, long id) throws InterruptedException {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = agent.next(); f != null; f = agent.next()) {
            frames.add(f);
            boolean ends = !f.type().equals("masked") && (Long.valueOf(id).equals(f.header().id())
                    || Long.valueOf(id).equals(f.header().get("ref")));
            if (ends) {
                return frames;
            }
        }
        throw new AssertionError("no answer to request " + id + "; got " + frames);
    }

    private static void assertNoPieceOfTheKey(String where, String text) {
        for (int i = 0; i + PIECE <= KEY.length(); i++) {
            String piece = KEY.substring(i, i + PIECE);
            assertThat(text).as("%s hold the key's piece %s", where, piece).doesNotContain(piece);
        }
    }
}
