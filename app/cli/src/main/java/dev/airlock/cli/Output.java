package dev.airlock.cli;

import dev.airlock.run.RunException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The CLI's output layer: the only place that writes to the process's stdout and stderr. Commands print through
 * {@link #out()} and {@link #err()}; failures are turned into one line and an exit code here.
 */
public final class Output {

    private static volatile PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static volatile PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    private Output() {
    }

    public static PrintStream out() {
        return out;
    }

    public static PrintStream err() {
        return err;
    }

    /** Redirects both streams; used by tests that run commands in-process. */
    static void redirect(PrintStream newOut, PrintStream newErr) {
        out = newOut;
        err = newErr;
    }

    static int runCommandLine(CommandLine cli, String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Logging.configure(debug);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            // One line that says what was wrong and where to look; suggestions follow only for a misspelling.
            err.println("airlock: " + e.getMessage() + " (see 'airlock " + commandPath(e.getCommandLine())
                    + "--help')");
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            return ExitCode.INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UserError || e instanceof RunException) {
                err.println("airlock: " + e.getMessage());
                return ExitCode.INVALID_INPUT;
            }
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("airlock: internal error: " + e + " (run with --debug for details)");
            }
            return ExitCode.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine c) {
        StringBuilder path = new StringBuilder();
        for (CommandLine p = c; p.getParent() != null; p = p.getParent()) {
            path.insert(0, p.getCommandName() + " ");
        }
        return path.toString();
    }
}
