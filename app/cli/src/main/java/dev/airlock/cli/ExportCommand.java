package dev.airlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Parent of the commands that take a tested topology to a platform as a directory of files. */
@Command(name = "export",
        description = "Write a topology as files for another platform, keeping what was tested: the gate as the only"
                + " path, the same policy, the same hardening.",
        subcommands = {ExportKubernetesCommand.class, ExportComposeCommand.class})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(Output.out());
        return ExitCode.OK;
    }
}
