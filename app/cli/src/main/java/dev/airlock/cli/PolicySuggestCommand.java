package dev.airlock.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.airlock.run.drift.Allowance;
import dev.airlock.run.drift.PolicyDrift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "suggest",
        description = {"The least-privilege topology for a recorded run: the file with every pipe, tool scope and "
                + "model scope the run never used cut out, and nothing else changed (comments and order stay). "
                + "Printed as a unified diff of the file, or written with -o.",
                "Exit 0 when nothing would be removed (or -o wrote the file), 3 when a diff was printed, 2 for bad "
                        + "input."})
final class PolicySuggestCommand implements Callable<Integer> {

    /** Lines of context around each change, as diff -u and git show them. */
    private static final int CONTEXT = 3;

    @Parameters(index = "0", paramLabel = "EVENTS.jsonl", description = "Events written by 'airlock run --events'.")
    Path events;

    @Parameters(index = "1", paramLabel = "FILE", description = "The topology the run was recorded with.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the suggested topology to OUT (atomically; may be FILE itself) instead of a diff.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (output != null) {
            OutputFiles.check("-o", output, true);
        }
        PolicyDrift drift = PolicyDrift.of(file, TopologyLoader.loadValid(file), events);
        String suggested = drift.suggested();
        List<Allowance> removed = drift.drift().removable();
        if (output != null) {
            write(output, suggested);
            Output.err().println("airlock: wrote " + output + " (" + removed.size() + " removed)");
            return ExitCode.OK;
        }
        if (removed.isEmpty()) {
            Output.err().println("airlock: nothing to remove: the run used every pipe and scope of " + file);
            return ExitCode.OK;
        }
        List<String> before = lines(drift.original());
        List<String> after = lines(suggested);
        UnifiedDiffUtils.generateUnifiedDiff(file.toString(), file.toString(), before,
                DiffUtils.diff(before, after), CONTEXT).forEach(Output.out()::println);
        return ExitCode.FINDINGS;
    }

    /** Lines as the file has them: a CRLF file's diff keeps its CRs, so patch applies it to that file. */
    private static List<String> lines(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** Next to the target first, then moved over it, so a reader never sees half a topology. */
    private static void write(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            keepPermissions(temp, absolute);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw OutputFiles.cannotWrite("-o", target, e);
        }
    }

    /** The temp file is private; the result reads like the file it replaces, or like any new topology. */
    private static void keepPermissions(Path temp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Nothing more to do: the target itself was not touched.
        }
    }
}
