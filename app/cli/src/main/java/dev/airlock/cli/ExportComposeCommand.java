package dev.airlock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compose",
        description = {"Write a Docker Compose project for a topology: the gate as a service, each agent hardened as"
                + " locally, pipes as socket volumes shared only between each agent and the gate.",
                "A topology that loosens a sandbox is refused unless --allow-risks.",
                "Exit 0 when written, 2 on a bad FILE or DIR, or when no compose exporter is installed."})
final class ExportComposeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (YAML or JSON).")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory to write; it must not exist yet or be empty.")
    Path output;

    @Option(names = "--allow-risks", description = "Export a topology that loosens a sandbox; each loosening is listed.")
    boolean allowRisks;

    @Override
    public Integer call() {
        return DirectoryExport.run("compose", file, output, allowRisks ? Map.of("allow-risks", "true") : Map.of());
    }
}
