package dev.airlock.gate.guard;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The profile's one pass takes shortcuts for speed (word and digit fast paths, runs found lazily, a trigram filter
 * before literal comparison). Here a plain, character-by-character reading of the same definitions must agree
 * with it on text built to hit every feature and every boundary between them.
 */
class ProfileTest {

    static final Needles ALL_LITERALS;
    /** The default guardrails' index: its word literals (credential names) are wanted only before ':' or '='. */
    static final Needles DEFAULT_GUARDRAILS;

    static {
        Guardrails builtin = Guardrails.builtin();
        BitSet all = new BitSet();
        all.set(0, Needles.of(new BitSet()).chars.length);
        ALL_LITERALS = Needles.of(all);
        DEFAULT_GUARDRAILS = builtin.needlesOf(List.of("pii", "secrets"));
    }

    @Property(tries = 3000)
    void agreesWithAPlainReadingOfItsDefinitions(@ForAll("mixedText") String text) {
        agrees(text, ALL_LITERALS);
    }

    @Property(tries = 2000)
    void agreesWhereWordLiteralsAreWantedOnlyBeforeAnchors(@ForAll("mixedText") String text) {
        assertThat(DEFAULT_GUARDRAILS.wordsBeforeAnchors).isTrue();
        agrees(text, DEFAULT_GUARDRAILS);
    }

    /**
     * The spaces the eight-at-a-time pass must not skip, outside any ASCII digit segment: doubled, next to a
     * one-character token, or between pieces of a number in another script.
     */
    @Example
    void stopsAtEverySpaceThatCouldBeRemovable() {
        for (String text : List.of("lots of words  twice", "words a b words", "words\ta\tb words",
                "page \u0663\u0663 \u0663\u0663\u0663 of")) {
            assertThat(Profile.of(text, ALL_LITERALS).collapsible).as(text).isTrue();
        }
        assertThat(Profile.of("page \u0663\u0663 here", ALL_LITERALS).collapsible).isFalse();
    }

    @Example
    void looksForScopedWordLiteralsOnlyBeforeTheirAnchors() {
        String far = "secret " + "x".repeat(DEFAULT_GUARDRAILS.within) + " = 1";
        assertThat(hits(Profile.of("the secret is out", DEFAULT_GUARDRAILS))).isEmpty();
        assertThat(hits(Profile.of("the secret = Zx9qL2mP7vR4", DEFAULT_GUARDRAILS))).hasSize(1);
        assertThat(hits(Profile.of(far, DEFAULT_GUARDRAILS))).isEmpty();
        assertThat(hits(Profile.of(far, ALL_LITERALS))).isNotEmpty();
    }

    private static void agrees(String text, Needles index) {
        Profile fast = Profile.of(text, index);
        assertThat(fast.nonAscii).as("nonAscii").isEqualTo(text.chars().anyMatch(ProfileTest::unusual));
        assertThat(fast.percent).as("percent").isEqualTo(text.contains("%"));
        assertThat(fast.hexEscape).as("hexEscape").isEqualTo(text.contains("\\x"));
        assertThat(fast.collapsible).as("collapsible").isEqualTo(collapsible(text));
        assertThat(fast.leetable).as("leetable").isEqualTo(leetable(text));
        assertThat(fast.ibanStarts).as("ibanStarts").isEqualTo(ibanStarts(text));
        assertThat(fast.chunkStarts).as("chunkStarts").isEqualTo(chunkStarts(text));
        assertThat(render(fast.digitRuns)).as("digitRuns").isEqualTo(render(digitRuns(text)));
        assertThat(render(fast.encodedRuns)).as("encodedRuns").isEqualTo(render(encodedRuns(text)));
        assertThat(hits(fast)).as("literal hits").isEqualTo(literalHits(text, index));
        agreesOnTheNewViewsPreChecks(fast, text);
    }

    /**
     * The checks that decide whether the look-alike, spelled-digit views are made, and whether the rules need ask
     * their triggers at all.
     */
    private static void agreesOnTheNewViewsPreChecks(Profile fast, String text) {
        assertThat(fast.mixedSpots).as("mixedSpots").isEqualTo(mixedSpots(text));
        assertThat(fast.mayHoldNumberWords()).as("mayHoldNumberWords").isEqualTo(mayHoldNumberWords(text));
        if (fast.marksNothing()) {
            for (Rule rule : Builtins.RULES) {
                assertThat(rule.trigger().regions(fast)).as(rule.rule() + " on a profile marking nothing").isEmpty();
            }
        }
    }

    @Property(tries = 2000)
    void agreesOnNumberWords(@ForAll("numberWordText") String text) {
        agreesOnTheNewViewsPreChecks(Profile.of(text, DEFAULT_GUARDRAILS), text);
    }

    @Example
    void marksNothingInPlainProse() {
        assertThat(Profile.of("the planner asked for sources on token buckets and found nothing",
                DEFAULT_GUARDRAILS).marksNothing()).isTrue();
        for (String marked : List.of("ssn 411-22-3333", "mail me at jo dot example", "AKIA key", "v2 build",
                "a secret: x", "IBAN DE89 here")) {
            assertThat(Profile.of(marked, DEFAULT_GUARDRAILS).marksNothing()).as(marked).isFalse();
        }
    }

    @Provide
    Arbitrary<String> numberWordText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                        "Four", "NINE", "twenty", "hundred", "double"),
                Arbitraries.of(" ", ", ", "-", " - ", ". ", "\n", "\r", "\f", "\u0000", "é", "\u0417"),
                Arbitraries.of("the", "fixes", "with", "version", "section", "in", "found", "then", "is"),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** Segments of digits and digit separators that touch a letter, directly or across one joining separator. */
    private static List<Integer> mixedSpots(String s) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (!digit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && (digit(s.charAt(i)) || " -.()/+".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            int after = i;
            while (!digit(s.charAt(after - 1))) {
                after--;
            }
            if (Profile.letter(s, start - 1) || start >= 2 && joins(s.charAt(start - 1)) && Profile.letter(s, start - 2)
                    || Profile.letter(s, after) || after < s.length() && joins(s.charAt(after))
                    && Profile.letter(s, after + 1)) {
                out.add(start);
            }
        }
        return out;
    }

    private static boolean joins(char c) {
        return "-.()/+".indexOf(c) >= 0;
    }

    /**
     * Every third block of eight characters, from the start, made of the characters of digit words, with a neighbour
     * like it, and two digit words near it. Past the end the text reads as NUL, which passes as a space.
     */
    private static boolean mayHoldNumberWords(String s) {
        for (int i = 0; i < s.length(); i += 24) {
            if (digitWordBlock(s, i) && (i >= 8 && digitWordBlock(s, i - 8) || digitWordBlock(s, i + 8))
                    && SpelledDigits.wordsNear(s, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digitWordBlock(String s, int i) {
        if (i + 8 > s.length() + 16) {
            return false;
        }
        for (int k = i; k < i + 8; k++) {
            char c = k < s.length() ? s.charAt(k) : 0;
            char folded = (char) (c | 0x20);
            boolean ok = c < 128 && (folded >= 'a' && folded <= 'z' && "abcdjklmpqy".indexOf(folded) < 0
                    || folded == ' ' || folded == ',' || folded == '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Example
    void findsOnlyTheLiteralsOfItsIndex() {
        int[] wanted = Needles.register("secret");
        BitSet only = new BitSet();
        only.set(wanted[0]);
        Profile p = Profile.of("please ignore the secret", Needles.of(only));
        assertThat(hits(p)).containsExactly(List.of(wanted[0], 18));
    }

    @Example
    void refusesLiteralsTheFastPathsCannotSee() {
        assertThatThrownBy(() -> Needles.register("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Needles.register("4ever")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Needles.register(" or")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> mixedText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefxyz").ofMinLength(1).ofMaxLength(9),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(" ", "  ", "\n", "\t", "-", ".", "(", ")", "/", "+", "_", "=", "==", "%", "\\x",
                        "@", "$", "!", "|", ";", "'", "\"", "<|", "###", "А", "е", "\u200b", "é", "\u0001"),
                Arbitraries.of("ssn", "SSN", "Secret", "api", "AKIA", "sk-", "eyJ", "union", "' or", "ignore",
                        "ghp_", "DE89", "GB29", "de89", "xY12", "AWS", "AKIA IOSF", "7EXA-MPLE", "ODNN.", "Q1_", "passw", "xox",
                        "_live_", "privAte", "social security",
                        "YWJjZGVmZ2hpamtsbW5v", "deadbeefcafe0123", "s3cr3t", "p@ss", "a b c", "4 1 1", "3-4 5-6",
                        "(1) 2", ":", "=", " = ", "password", "api_key", ".eyJ", "---", "xoxb-", "AIza", "sk_live_",
                        "x".repeat(120)));
        return pieces.list().ofMaxSize(24).map(l -> String.join("", l));
    }

    private static boolean unusual(int c) {
        return c >= 128 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F;
    }

    private static boolean ws(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean collapsible(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!ws(s.charAt(i))) {
                continue;
            }
            boolean afterWs = i > 0 && ws(s.charAt(i - 1));
            if (afterWs || Profile.removableSpace(s, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leetable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("013457@$!|".indexOf(s.charAt(i)) >= 0 && (Profile.letter(s, i - 1) || Profile.letter(s, i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> chunkStarts(String s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 5 < s.length(); i++) {
            if (upper(s.charAt(i)) && (i == 0 || !capitalOrDigit(s.charAt(i - 1))) && capitalOrDigit(s.charAt(i + 1))
                    && capitalOrDigit(s.charAt(i + 2)) && capitalOrDigit(s.charAt(i + 3))
                    && " .-_".indexOf(s.charAt(i + 4)) >= 0 && capitalOrDigit(s.charAt(i + 5))) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean asciiLetter(char c) {
        return upper(c) || c >= 'a' && c <= 'z';
    }

    private static boolean capitalOrDigit(char c) {
        return upper(c) || digit(c);
    }

    private static List<Integer> ibanStarts(String s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 3 < s.length(); i++) {
            if (asciiLetter(s.charAt(i)) && asciiLetter(s.charAt(i + 1)) && digit(s.charAt(i + 2))
                    && digit(s.charAt(i + 3))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<int[]> digitRuns(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (!digit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            while (i < s.length() && (digit(s.charAt(i)) || " -.()/+".indexOf(s.charAt(i)) >= 0)) {
                digits += digit(s.charAt(i)) ? 1 : 0;
                i++;
            }
            if (digits >= Profile.MIN_RUN_DIGITS) {
                out.add(new int[]{start, i, digits});
            }
        }
        return out;
    }

    private static List<int[]> encodedRuns(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (!alphabet(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean moreThanAWord = false;
            boolean hex = true;
            while (i < s.length() && alphabet(s.charAt(i))) {
                char c = s.charAt(i);
                moreThanAWord |= !(c >= 'a' && c <= 'z');
                hex &= digit(c) || "abcdefABCDEF".indexOf(c) >= 0;
                i++;
            }
            int stop = i;
            while (stop < s.length() && stop - i < 2 && s.charAt(stop) == '=') {
                stop++;
            }
            if (i - start >= Profile.MIN_ENCODED && moreThanAWord) {
                out.add(new int[]{start, stop, hex ? 1 : 0});
            }
        }
        return out;
    }

    /**
     * Every occurrence of every literal of {@code index}; a word literal wanted only before anchors counts where an
     * anchor follows within the index's window.
     */
    private static List<List<Integer>> literalHits(String s, Needles index) {
        String lower = s.chars().map(c -> c >= 'A' && c <= 'Z' ? c + 32 : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (int[] group : index.byPrefix) {
            if (group != null) {
                java.util.Arrays.stream(group).forEach(ids::add);
            }
        }
        for (int[] group : index.bySingle) {
            if (group != null) {
                java.util.Arrays.stream(group).forEach(ids::add);
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int at = 0; at < s.length(); at++) {
            for (int id : ids) {
                String literal = new String(index.chars[id]);
                boolean scoped = index.wordsBeforeAnchors && Character.isLetter(literal.charAt(0));
                if (lower.startsWith(literal, at) && (!scoped || anchorWithin(s, at, index))) {
                    out.add(List.of(id, at));
                }
            }
        }
        return out;
    }

    private static boolean anchorWithin(String s, int at, Needles index) {
        for (int q = at + 1; q <= Math.min(s.length() - 1, at + index.within); q++) {
            char c = s.charAt(q);
            if (c < 128 && index.anchor[c]) {
                return true;
            }
        }
        return false;
    }

    private static List<List<Integer>> hits(Profile p) {
        List<List<Integer>> out = new ArrayList<>();
        for (int k = 0; k < p.hitCount; k++) {
            out.add(List.of(p.hits[2 * k], p.hits[2 * k + 1]));
        }
        out.sort((a, b) -> a.get(1).equals(b.get(1)) ? a.get(0) - b.get(0) : a.get(1) - b.get(1));
        return out;
    }

    private static List<String> render(List<int[]> runs) {
        return runs.stream().map(java.util.Arrays::toString).toList();
    }

    private static boolean alphabet(char c) {
        return c >= 'a' && c <= 'z' || upper(c) || digit(c) || "+/_-".indexOf(c) >= 0;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
