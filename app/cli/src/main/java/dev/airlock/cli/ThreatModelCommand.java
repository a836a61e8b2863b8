package dev.airlock.cli;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFiles;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.export.Exporters;
import dev.airlock.core.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "threat-model",
        description = {"Write the threat model of a topology: elements, data flows, trust boundaries, STRIDE and OWASP"
                + " LLM threats with their mitigation status, and every prompt-injection to exfiltration path.",
                "The extension of OUT chooses the format: .json (OWASP Threat Dragon v2), .md or .html.",
                "Exit 0 when written, 2 on a bad FILE or OUT (then nothing is written)."})
final class ThreatModelCommand implements Callable<Integer> {

    static final String EXPORTER = "threat-model";

    @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (YAML or JSON).")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "File to write: OUT.json, OUT.md or OUT.html; an existing file is replaced.")
    Path output;

    @Override
    public Integer call() {
        Exporter exporter = Exporters.byId(EXPORTER)
                .orElseThrow(() -> new IllegalStateException("the threat-model exporter is not installed"));
        String format = format(exporter);
        OutputFiles.check("-o", output, true);
        Topology topology = TopologyLoader.loadValid(file);
        ExportResult result;
        try {
            result = exporter.export(topology, ExportOptions.format(format));
        } catch (ExportException e) {
            throw new UserError("-o: " + output + ": " + e.getMessage());
        }
        try {
            ExportFiles.writeFile(result.single(), output);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite("-o", output, e);
        }
        Output.out().println("Wrote the threat model of " + topology.name() + " to " + output);
        return ExitCode.OK;
    }

    /** The format the extension of OUT names, checked before anything is read. */
    private String format(Exporter exporter) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!exporter.formats().contains(extension)) {
            throw new UserError("-o: " + output + ": " + (dot < 0 ? "no extension" : "unknown extension '."
                    + extension + "'") + "; use ." + String.join(", .", exporter.formats()));
        }
        return extension;
    }
}
