package dev.airlock.run.trace;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.RunEvents;
import dev.airlock.run.Subscription;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a run's gate decisions into OpenTelemetry spans, timed by the gate's own clocks.
 *
 * <p>The wire carries no trace ids, so causality is inferred from the order of decisions:
 * <ul>
 *   <li>a frame the user sends starts a new trace: a root span {@value #REQUEST} that lasts until the last
 *       decision the trace came to (it is ended when the tracer closes), with the frame's decision under it;</li>
 *   <li>a frame sent by agent X is a child of the span of the last {@code send} delivered to X (a root of its own
 *       when X has received nothing yet);</li>
 *   <li>a {@code send} delivered (or masked) to Y makes its span Y's current parent.</li>
 * </ul>
 * Payloads never reach a span: decisions do not carry them, and the decision's free-text {@code reason} is left
 * out too; rule names, verdicts and guardrail rule ids say what happened.
 */
public final class RunTracer implements AutoCloseable {

    /** Name of the root span a user's frame opens. */
    static final String REQUEST = "airlock.request";

    private static final AttributeKey<String> RULE = AttributeKey.stringKey("airlock.rule");
    private static final AttributeKey<String> VERDICT = AttributeKey.stringKey("airlock.verdict");
    private static final AttributeKey<String> AGENT = AttributeKey.stringKey("airlock.agent");
    private static final AttributeKey<String> PIPE = AttributeKey.stringKey("airlock.pipe");
    private static final AttributeKey<String> TARGET = AttributeKey.stringKey("airlock.target");
    private static final AttributeKey<List<String>> GUARDRAILS = AttributeKey.stringArrayKey("airlock.guardrails");
    private static final AttributeKey<Long> GATE_NANOS = AttributeKey.longKey("airlock.gate.duration_ns");
    private static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> GEN_AI_SYSTEM = AttributeKey.stringKey("gen_ai.system");
    private static final AttributeKey<String> GEN_AI_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> GEN_AI_TOOL = AttributeKey.stringKey("gen_ai.tool.name");

    /** Decisions the tracer may fall behind by before it misses some, as for the events file. */
    private static final int BUFFER = 65_536;

    private final SdkTracerProvider provider;
    private final String endpoint;
    private final CountingExporter otlp;
    private final Tracer tracer;
    private final String user;
    private final Map<String, ModelSpec> models;
    /** Per receiver, the span of the last send delivered to it: the parent of what it sends next. */
    private final Map<String, Context> lastDeliveredTo = new HashMap<>();
    /** Per trace id, its open root span and the latest end of a decision in it. */
    private final Map<String, Request> requests = new HashMap<>();
    private Subscription subscription;

    RunTracer(SdkTracerProvider provider, Topology topology) {
        this(provider, topology, "", null);
    }

    private RunTracer(SdkTracerProvider provider, Topology topology, String endpoint, CountingExporter otlp) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.otlp = otlp;
        this.tracer = provider.get("dev.airlock.run");
        this.user = topology.user().id();
        this.models = topology.models().stream().collect(Collectors.toMap(ModelSpec::id, Function.identity(),
                (a, b) -> a));
    }

    /**
     * A tracer for the run of {@code topology} if traces were asked for: by the standard OTLP endpoint variables in
     * {@code env} and/or a {@code traceFile}; empty (no tracer, no cost) otherwise.
     */
    public static Optional<RunTracer> open(Topology topology, Map<String, String> env, java.nio.file.Path traceFile) {
        return TraceExport.provider(env, traceFile).map(e -> new RunTracer(e.provider(), topology, e.endpoint(),
                e.otlp()));
    }

    /** Follows the run's events on a subscription of its own, so exporting never holds up the gate. */
    public void follow(RunEvents events) {
        subscription = events.subscribe("traces", BUFFER, this::publish);
    }

    /** Decisions that never became spans because they came faster than the tracer took them. */
    public long dropped() {
        return subscription == null ? 0 : subscription.dropped();
    }

    /** After {@link #close()}: one line if spans could not be sent to the OTLP receiver, else empty. */
    public Optional<String> unsent() {
        long failed = otlp == null ? 0 : otlp.failed();
        return failed == 0 ? Optional.empty()
                : Optional.of(failed + " spans could not be sent to " + endpoint + " (is an OTLP/HTTP receiver there?)");
    }

    void publish(AirlockEvent event) {
        if (event instanceof GateDecision d) {
            trace(d);
        }
    }

    private void trace(GateDecision d) {
        long end = TimeUnit.MILLISECONDS.toNanos(d.wallMillis());
        long start = end - d.gateNanos() - d.modelNanos() - d.toolNanos();
        boolean fromUser = d.agent().equals(user);
        Context parent = fromUser ? request(start) : lastDeliveredTo.getOrDefault(d.agent(), Context.root());
        SpanBuilder builder = tracer.spanBuilder("gate.decision " + d.frame())
                .setParent(parent)
                .setStartTimestamp(start, TimeUnit.NANOSECONDS)
                .setAttribute(RULE, d.rule())
                .setAttribute(VERDICT, d.action().text())
                .setAttribute(AGENT, d.agent())
                .setAttribute(PIPE, d.pipe())
                .setAttribute(TARGET, d.target())
                .setAttribute(GUARDRAILS, d.findings())
                .setAttribute(GATE_NANOS, d.gateNanos());
        Span span = builder.startSpan();
        Context here = Context.root().with(span);
        // A call goes out only once the gate has passed it, so the call's span follows the gate's own time; a call
        // the gate refused before it went out gets none.
        if (d.frame().equals("model.complete") && (d.delivered() || d.modelNanos() > 0)) {
            call(here, "chat " + d.target(), start + d.gateNanos(), d.modelNanos(), model(d.target()));
        } else if (d.frame().equals("tool.call") && (d.delivered() || d.toolNanos() > 0)) {
            call(here, "execute_tool " + d.target(), start + d.gateNanos(), d.toolNanos(),
                    b -> b.setAttribute(GEN_AI_OPERATION, "execute_tool").setAttribute(GEN_AI_TOOL, d.target()));
        }
        span.end(end, TimeUnit.NANOSECONDS);
        Request request = requests.get(span.getSpanContext().getTraceId());
        if (request != null) {
            request.lastEnd = Math.max(request.lastEnd, end);
        }
        if (d.frame().equals("send") && d.delivered() && !d.target().isEmpty()) {
            lastDeliveredTo.put(d.target(), here);
        }
    }

    private Context request(long start) {
        Span root = tracer.spanBuilder(REQUEST).setNoParent()
                .setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
        requests.put(root.getSpanContext().getTraceId(), new Request(root, start));
        return Context.root().with(root);
    }

    private static final class Request {
        final Span root;
        long lastEnd;

        Request(Span root, long lastEnd) {
            this.root = root;
            this.lastEnd = lastEnd;
        }
    }

    private Function<SpanBuilder, SpanBuilder> model(String id) {
        ModelSpec spec = models.get(id);
        return b -> {
            b.setAttribute(GEN_AI_OPERATION, "chat");
            if (spec != null) {
                b.setAttribute(GEN_AI_SYSTEM, spec.backend());
                if (spec.model() != null && !spec.model().isEmpty()) {
                    b.setAttribute(GEN_AI_MODEL, spec.model());
                }
            }
            return b;
        };
    }

    private void call(Context parent, String name, long start, long nanos, Function<SpanBuilder, SpanBuilder> attrs) {
        attrs.apply(tracer.spanBuilder(name).setParent(parent).setStartTimestamp(start, TimeUnit.NANOSECONDS))
                .startSpan().end(start + nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops following (after what is buffered became spans), then sends or writes every span and shuts down. */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        requests.values().forEach(r -> r.root.end(r.lastEnd, TimeUnit.NANOSECONDS));
        requests.clear();
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
