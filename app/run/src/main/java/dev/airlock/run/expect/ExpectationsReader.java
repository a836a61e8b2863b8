package dev.airlock.run.expect;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.airlock.run.RunException;
import dev.airlock.run.YamlFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an expectations file; every mistake is one located line. */
public final class ExpectationsReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private ExpectationsReader() {
    }

    private record File(List<Expectations.Message> send, String within, List<DecisionMatcher> expect,
                        List<DecisionMatcher> forbid, List<Expectations.AnswerMatcher> answers,
                        @JsonProperty("description") String description) {
    }

    public static Expectations read(Path path) {
        File f = YamlFile.read(path, File.class, "an expectations file");
        if (f == null) {
            throw new RunException(path + ":1:1: error: the expectations file is empty");
        }
        List<DecisionMatcher> expect = f.expect() == null ? List.of() : f.expect();
        List<Expectations.AnswerMatcher> answers = f.answers() == null ? List.of() : f.answers();
        if (expect.isEmpty() && answers.isEmpty()) {
            throw new RunException(path + ":1:1: error: nothing is expected; add 'expect' or 'answers'");
        }
        List<Expectations.Message> send = f.send() == null ? List.of() : f.send();
        for (Expectations.Message m : send) {
            if (m.to() == null || m.text() == null) {
                throw new RunException(path + ": error: every message in 'send' needs 'to' and 'text'");
            }
        }
        return new Expectations(send, duration(path, f.within()), expect,
                f.forbid() == null ? List.of() : f.forbid(), answers);
    }

    private static Duration duration(Path path, String text) {
        if (text == null) {
            return Duration.ofSeconds(60);
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new RunException(path + ": error: 'within: " + text + "' is not a duration like 45s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
