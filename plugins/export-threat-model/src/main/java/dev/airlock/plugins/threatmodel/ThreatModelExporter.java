package dev.airlock.plugins.threatmodel;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.topology.Topology;

import java.util.List;

/**
 * {@code threat-model}: option {@code format} is {@code json} (an OWASP Threat Dragon v2 model), {@code md} or
 * {@code html} (a readable report); the result is one file, {@code threat-model.FORMAT}.
 */
public final class ThreatModelExporter implements Exporter {

    public static final String ID = "threat-model";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "STRIDE and OWASP LLM threats, trust boundaries and injection-to-exfiltration paths"
                + " (.json Threat Dragon v2, .md, .html)";
    }

    @Override
    public List<String> formats() {
        return List.of("json", "md", "html");
    }

    @Override
    public ExportResult export(Topology topology, ExportOptions options) throws ExportException {
        String format = options.get(ExportOptions.FORMAT).orElse("json");
        ThreatModel model = ThreatModeler.model(topology);
        String text = switch (format) {
            case "json" -> ThreatDragonWriter.write(model);
            case "md" -> MarkdownReport.write(model);
            case "html" -> HtmlReport.write(model);
            default -> throw new ExportException("unknown threat-model format '" + format + "'; use .json, .md or .html");
        };
        return new ExportResult(List.of(ExportedFile.text("threat-model." + format, text)), Findings.of(model));
    }
}
