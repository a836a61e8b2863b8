package dev.airlock.cli;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportFiles;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportReport;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.export.Exporter;
import dev.airlock.core.export.Exporters;
import dev.airlock.core.topology.Topology;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every {@code airlock export ID} does: finds the exporter by id in the plugin catalog, checks the output
 * directory, loads and validates the topology, exports, puts the whole directory in place at once
 * ({@link ExportFiles#writeTree}) and prints a report. Every refusal is one line and leaves nothing behind.
 */
final class DirectoryExport {

    private DirectoryExport() {
    }

    static int run(String exporterId, Path file, Path output, Map<String, String> options) {
        Exporter exporter = Exporters.byId(exporterId).orElseThrow(() -> new UserError("no exporter '" + exporterId
                + "' installed (installed: " + String.join(", ", Exporters.installed().stream().map(Exporter::id)
                .toList()) + ")"));
        checkOutput(output);
        Topology topology = TopologyLoader.loadValid(file);
        ExportResult result;
        try {
            result = exporter.export(topology, new ExportOptions(options));
        } catch (ExportException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        try {
            ExportFiles.writeTree(result, output);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite("-o", output, e);
        }
        report(Output.out(), exporterId, topology, output, result);
        return ExitCode.OK;
    }

    /** A directory that does not exist yet (its parent does) or is empty: an export never mixes with other files. */
    private static void checkOutput(Path output) {
        Path absolute = output.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError("-o: " + output + " is not a directory; name a new or empty directory");
            }
            try (Stream<Path> entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("-o: " + output + " is not empty; name a new or empty directory");
                }
            } catch (IOException e) {
                throw OutputFiles.cannotWrite("-o", output, e);
            }
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("-o: cannot write " + output + ": directory " + parent + " does not exist");
        }
    }

    static void report(PrintStream out, String id, Topology topology, Path output, ExportResult result) {
        ExportReport.lines(id, topology.name(), output.toString(), result).forEach(out::println);
        if (result.files().stream().map(ExportedFile::path).anyMatch("README.md"::equals)) {
            out.println("Read " + output.resolve("README.md") + " before applying it.");
        }
    }
}
