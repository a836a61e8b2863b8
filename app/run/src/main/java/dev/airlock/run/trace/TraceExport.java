package dev.airlock.run.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's spans go: an OTLP/HTTP (protobuf) receiver named by the standard variables
 * ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} as is, else {@code OTEL_EXPORTER_OTLP_ENDPOINT} plus
 * {@code /v1/traces}), and/or a {@link TraceFile}. Neither → no provider at all.
 */
final class TraceExport {

    static final String SERVICE_NAME = "airlock";

    private TraceExport() {
    }

    /** The provider, and the OTLP exporter's failure count when there is one. */
    record Export(SdkTracerProvider provider, String endpoint, CountingExporter otlp) {
    }

    static Optional<Export> provider(Map<String, String> env, Path traceFile) {
        Optional<String> endpoint = endpoint(env);
        if (endpoint.isEmpty() && traceFile == null) {
            return Optional.empty();
        }
        CountingExporter otlp = endpoint.map(url -> new CountingExporter(OtlpHttpSpanExporter.builder()
                .setEndpoint(url).build())).orElse(null);
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder().setResource(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME)));
        if (otlp != null) {
            builder.addSpanProcessor(BatchSpanProcessor.builder(otlp).build());
        }
        if (traceFile != null) {
            builder.addSpanProcessor(SimpleSpanProcessor.create(new TraceFile(traceFile)));
        }
        return Optional.of(new Export(builder.build(), endpoint.orElse(""), otlp));
    }

    static Optional<String> endpoint(Map<String, String> env) {
        String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return Optional.of(traces.strip());
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            String b = base.strip();
            return Optional.of((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/v1/traces");
        }
        return Optional.empty();
    }
}
