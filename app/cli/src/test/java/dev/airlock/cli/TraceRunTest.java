package dev.airlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, Traces: a sample run on the real engine sends its spans to an OTLP/HTTP receiver on loopback (decoded
 * with the protocol's own messages) and writes the same spans with {@code --trace}; decisions chain by the
 * causality rule of {@code RunTracer}.
 */
class TraceRunTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml");

    @TempDir
    Path dir;

    /** One decoded span, from OTLP or from the trace file alike. */
    record S(String traceId, String spanId, String parentId, String name, Map<String, String> attributes) {
        String attr(String key) {
            return attributes.getOrDefault(key, "");
        }
    }

    @Test
    void aSampleRunsTraceReachesTheLoopbackReceiverAndTheTraceFileWithDecisionSpans() throws Exception {
        ProbeCommandTest.requireEngine();
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path traceFile = dir.resolve("trace.jsonl");
        try {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Airlock.class.getName(), "run",
                    SAMPLE.toString(), "--expect", SamplesRunTest.expectationsOf(SAMPLE).toString(),
                    "--trace", traceFile.toString()).redirectErrorStream(true);
            builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + receiver.getAddress().getPort());
            builder.environment().remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            Process run = builder.start();
            String output = new String(run.getInputStream().readAllBytes());
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(run.exitValue()).as(output).isZero();
        } finally {
            receiver.stop(0);
        }

        List<S> otlp = decode(received);
        assertThat(received).allSatisfy(r -> assertThat(r.getResourceSpansList()).allSatisfy(rs -> assertThat(
                attributes(rs.getResource().getAttributesList())).containsEntry("service.name", "airlock")));
        assertFollowsTheCausalityRule(otlp);

        List<S> file = read(traceFile);
        assertFollowsTheCausalityRule(file);
        assertThat(file).extracting(S::spanId).containsExactlyInAnyOrderElementsOf(
                otlp.stream().map(S::spanId).toList());
    }

    private static void assertFollowsTheCausalityRule(List<S> spans) {
        Map<String, S> byId = spans.stream().collect(Collectors.toMap(S::spanId, s -> s));
        S userSend = only(spans, "alice", "send", "planner");
        S request = byId.get(userSend.parentId());
        assertThat(request.name()).isEqualTo("airlock.request");
        assertThat(request.parentId()).isEmpty();
        S plannerSend = only(spans, "planner", "send", "researcher");
        assertThat(plannerSend.parentId()).as("planner's send follows what alice sent it")
                .isEqualTo(userSend.spanId());
        assertThat(plannerSend.attr("airlock.verdict")).isEqualTo("deliver");
        S blocked = only(spans, "researcher", "tool.call", "mailer/send_email");
        assertThat(blocked.attr("airlock.rule")).isEqualTo("scope.tool");
        assertThat(blocked.attr("airlock.verdict")).isEqualTo("block");
        assertThat(spans).extracting(S::parentId).as("the refused call never went out")
                .doesNotContain(blocked.spanId());
        assertThat(blocked.parentId()).as("the researcher acts on the planner's task")
                .isEqualTo(plannerSend.spanId());
        S writerAnswer = only(spans, "writer", "send", "alice");
        assertThat(byId.get(writerAnswer.parentId()).attr("airlock.agent")).isEqualTo("researcher");
        assertThat(writerAnswer.traceId()).isEqualTo(request.traceId());
        assertThat(spans).filteredOn(s -> s.name().startsWith("chat "))
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.attr("gen_ai.operation.name")).isEqualTo("chat");
                    assertThat(byId.get(s.parentId()).name()).isEqualTo("gate.decision model.complete");
                });
        assertThat(spans).filteredOn(s -> s.name().equals("execute_tool web"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.attr("gen_ai.tool.name")).isEqualTo("web"));
        assertThat(spans).allSatisfy(s -> assertThat(s.attributes().keySet()).doesNotContain("airlock.reason"));
    }

    private static S only(List<S> spans, String agent, String frame, String target) {
        List<S> found = spans.stream().filter(s -> s.name().equals("gate.decision " + frame)
                && s.attr("airlock.agent").equals(agent) && s.attr("airlock.target").equals(target)).toList();
        assertThat(found).as(agent + " " + frame + " " + target).hasSize(1);
        return found.get(0);
    }

    private static List<S> decode(List<ExportTraceServiceRequest> requests) {
        HexFormat hex = HexFormat.of();
        List<S> spans = new ArrayList<>();
        for (ExportTraceServiceRequest r : requests) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        spans.add(new S(hex.formatHex(s.getTraceId().toByteArray()),
                                hex.formatHex(s.getSpanId().toByteArray()),
                                hex.formatHex(s.getParentSpanId().toByteArray()), s.getName(),
                                attributes(s.getAttributesList())));
                    }
                }
            }
        }
        return spans;
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasArrayValue()
                ? kv.getValue().getArrayValue().getValuesList().stream().map(v -> v.getStringValue())
                .collect(Collectors.joining(","))
                : kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue())
                : kv.getValue().getStringValue()));
    }

    private static List<S> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<S> spans = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            Map<String, String> attributes = new java.util.HashMap<>();
            n.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().isArray()
                    ? java.util.stream.StreamSupport.stream(e.getValue().spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.joining(",")) : e.getValue().asText()));
            spans.add(new S(n.path("traceId").asText(), n.path("spanId").asText(),
                    n.path("parentId").isNull() ? "" : n.path("parentId").asText(), n.path("name").asText(),
                    attributes));
        }
        return spans;
    }
}
