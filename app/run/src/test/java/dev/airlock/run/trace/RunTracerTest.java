package dev.airlock.run.trace;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Topologies;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The causality rule on synthetic decision sequences of the research-assistant sample: no Docker. */
class RunTracerTest {

    private static final Topology TOPOLOGY = Topologies.loadValid(
            Path.of("../../samples/research-assistant/research-assistant.yaml"));

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Test
    void aUserFrameStartsATraceAndSendsChainThroughTheirReceivers() {
        trace(List.of(
                decision("alice", "send", "planner", GateAction.DELIVER, "", List.of()),
                decision("planner", "model.complete", "llm", GateAction.DELIVER, "", List.of()),
                decision("planner", "send", "researcher", GateAction.DELIVER, "", List.of()),
                decision("researcher", "tool.call", "mailer/send_email", GateAction.BLOCK, "scope.tool", List.of()),
                decision("researcher", "send", "writer", GateAction.MASK, "guardrail.pii", List.of("pii")),
                decision("writer", "send", "alice", GateAction.DELIVER, "", List.of())));

        SpanData request = one("airlock.request");
        assertThat(request.getParentSpanContext().isValid()).isFalse();
        SpanData userSend = decision("alice", "send");
        SpanData plannerSend = decision("planner", "send");
        SpanData blocked = decision("researcher", "tool.call");
        SpanData researcherSend = decision("researcher", "send");
        SpanData writerSend = decision("writer", "send");
        assertThat(userSend.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(decision("planner", "model.complete").getParentSpanId()).isEqualTo(userSend.getSpanId());
        assertThat(plannerSend.getParentSpanId()).isEqualTo(userSend.getSpanId());
        assertThat(blocked.getParentSpanId()).isEqualTo(plannerSend.getSpanId());
        assertThat(researcherSend.getParentSpanId()).isEqualTo(plannerSend.getSpanId());
        assertThat(writerSend.getParentSpanId()).as("a masked send still reaches its receiver")
                .isEqualTo(researcherSend.getSpanId());
        assertThat(spans).extracting(SpanData::getTraceId).containsOnly(request.getTraceId());

        assertThat(spans).as("a refused call never went out").extracting(SpanData::getName)
                .doesNotContain("execute_tool mailer/send_email");
        assertThat(blocked.getAttributes().get(AttributeKey.stringKey("airlock.rule"))).isEqualTo("scope.tool");
        assertThat(blocked.getAttributes().get(AttributeKey.stringKey("airlock.verdict"))).isEqualTo("block");
        assertThat(researcherSend.getAttributes().get(AttributeKey.stringArrayKey("airlock.guardrails")))
                .containsExactly("pii");
        assertThat(request.getEndEpochNanos()).isEqualTo(writerSend.getEndEpochNanos());
    }

    @Test
    void aBlockedSendDoesNotBecomeItsTargetsParentAndEachUserFrameIsANewTrace() {
        trace(List.of(
                decision("alice", "send", "planner", GateAction.DELIVER, "", List.of()),
                decision("planner", "send", "researcher", GateAction.BLOCK, "guardrail.secrets", List.of("secrets")),
                decision("researcher", "send", "writer", GateAction.DELIVER, "", List.of()),
                decision("alice", "send", "planner", GateAction.DELIVER, "", List.of())));

        assertThat(decision("researcher", "send").getParentSpanContext().isValid())
                .as("the researcher never received the blocked send").isFalse();
        assertThat(spans.stream().filter(s -> s.getName().equals("airlock.request")).map(SpanData::getTraceId)
                .distinct()).hasSize(2);
    }

    @Test
    void modelAndToolCallsGetGenAiChildSpansTimedByTheirBackends() {
        trace(List.of(
                decision("alice", "send", "planner", GateAction.DELIVER, "", List.of()),
                decision("planner", "model.complete", "llm", GateAction.DELIVER, "", List.of()),
                decision("planner", "tool.call", "notes", GateAction.DELIVER, "", List.of())));

        SpanData chat = one("chat llm");
        assertThat(chat.getParentSpanId()).isEqualTo(decision("planner", "model.complete").getSpanId());
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isEqualTo("scripted");
        assertThat(chat.getEndEpochNanos() - chat.getStartEpochNanos()).isEqualTo(MODEL_NANOS);
        SpanData tool = one("execute_tool notes");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("notes");
        assertThat(tool.getEndEpochNanos() - tool.getStartEpochNanos()).isEqualTo(TOOL_NANOS);
        assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().asMap().keySet())
                .extracting(AttributeKey::getKey).doesNotContain("airlock.reason"));
    }

    private static final long MODEL_NANOS = 7_000_000;
    private static final long TOOL_NANOS = 3_000_000;
    private long clock = 1_700_000_000_000L;

    private GateDecision decision(String agent, String frame, String target, GateAction action, String rule,
                                  List<String> findings) {
        clock += 10;
        String pipe = agent + "->" + target;
        return new GateDecision(0, clock, agent, frame, target, "", pipe, action, rule, "a reason with content",
                findings, 1, 1, 50_000, frame.equals("model.complete") && action.passes() ? MODEL_NANOS : 0,
                frame.equals("tool.call") && action.passes() ? TOOL_NANOS : 0);
    }

    private void trace(List<GateDecision> decisions) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(
                new Collect())).build();
        RunTracer tracer = new RunTracer(provider, TOPOLOGY);
        decisions.forEach(tracer::publish);
        tracer.close();
    }

    private SpanData one(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private SpanData decision(String agent, String frame) {
        return spans.stream().filter(s -> s.getName().equals("gate.decision " + frame)
                && agent.equals(s.getAttributes().get(AttributeKey.stringKey("airlock.agent")))).findFirst()
                .orElseThrow();
    }

    private final class Collect implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
