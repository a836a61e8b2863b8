package dev.airlock.cli;

import dev.airlock.desktop.view.Theme;
import dev.airlock.run.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * The one entry point. With no subcommand it opens the workbench; every subcommand is the headless face of
 * the same model. Exit codes: 0 ok, 2 invalid input or usage, 1 internal error (3 and up: see each command).
 */
@Command(name = "airlock",
        // Inherited, so every subcommand answers --help and --version as a new user expects.
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = "Draw, launch, gate, watch and export agent decompositions.",
        subcommands = {
                ValidateCommand.class,
                DoctorCommand.class,
                RunCommand.class,
                GateCommand.class,
                ExpectCommand.class,
                ProbeCommand.class,
                ImagesCommand.class,
                UiCommand.class,
                ScanCommand.class,
                ReplayCommand.class,
                PolicyCommand.class,
                BenchCommand.class,
                ThreatModelCommand.class,
                ExportCommand.class,
                PluginsCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Airlock implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces and debug logging.")
    boolean debug;

    @Option(names = PluginFolder.OPTION, scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Load plugin jars from DIR (default: ~/.config/airlock/plugins, when it exists).")
    java.nio.file.Path plugins;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Airlock())
                .registerConverter(Theme.class, Choices.of(Theme.class))
                .registerConverter(RunSpec.Approvals.class, Choices.of(RunSpec.Approvals.class));
        cli.setExecutionStrategy(parsed -> {
            try {
                PluginFolder.install(parsed, System.getenv());
            } catch (UserError e) {
                // Through the execution exception handler, as a command's own usage error would go.
                throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return Output.runCommandLine(cli, args);
    }

    @Override
    public Integer call() {
        return new UiCommand().call();
    }
}
