package dev.airlock.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An export is in place whole or not at all, and never lands outside its target. */
class ExportFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileReplacesTheOldOneAndLeavesNoTemporaryBehind() throws IOException {
        Path out = dir.resolve("model.json");
        Files.writeString(out, "old");
        ExportFiles.writeFile(ExportedFile.text("model.json", "new"), out);
        assertThat(out).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aMissingDirectoryOrADirectoryTargetWritesNothing() throws IOException {
        assertThatThrownBy(() -> ExportFiles.writeFile(ExportedFile.text("a", "x"), dir.resolve("no/a.md")))
                .isInstanceOf(IOException.class);
        Files.createDirectory(dir.resolve("taken"));
        assertThatThrownBy(() -> ExportFiles.writeFile(ExportedFile.text("a", "x"), dir.resolve("taken")))
                .isInstanceOf(IOException.class);
        try (var files = Files.walk(dir)) {
            assertThat(files).containsExactlyInAnyOrder(dir, dir.resolve("taken"));
        }
    }

    @Test
    void aTreeGoesIntoANewDirectoryButNeverMixesWithOtherFiles() throws IOException {
        ExportResult result = new ExportResult(List.of(ExportedFile.text("a.yaml", "a"),
                ExportedFile.text("sub/b.yaml", "b")));
        Path out = dir.resolve("out");
        ExportFiles.writeTree(result, out);
        assertThat(out.resolve("sub/b.yaml")).hasContent("b");

        Path busy = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(busy.resolve("mine"), "keep");
        assertThatThrownBy(() -> ExportFiles.writeTree(result, busy)).isInstanceOf(IOException.class);
        try (var files = Files.list(busy)) {
            assertThat(files).containsExactly(busy.resolve("mine"));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary directory left").containsExactlyInAnyOrder(out, busy);
        }
    }

    @Test
    void aPathThatCouldEscapeTheTargetIsRefused() {
        for (String bad : List.of("../x", "/etc/x", "a/../../x", "", "a//b", "./x")) {
            assertThatThrownBy(() -> ExportedFile.text(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
