package dev.airlock.gate.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text read backwards, and ROT13'd: views made only when the profile shows the shape of something sensitive
 * written that way. Reversed: a digit run grouped like an SSN or a phone number backwards ("3333-22-114"), or a card
 * number only backwards; an address whose domain ends the wrong way ("moc.elpmaxe@..."); a key whose known prefix
 * ends its run ("...AIKA"); "-----YEK ETAVIRP". ROT13: a run whose rotated start is a known key prefix, an address
 * whose rotated top-level domain is one ("...@rknzcyr.pbz"), "-----ORTVA", or a bare number after a rotated label.
 * Anything else, which is nearly all text, costs a few comparisons at places the profile already found.
 */
final class Reversals {

    static final Set<String> TLDS = Set.of("com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "uk", "us",
            "de", "fr", "nl", "be", "ch", "at", "it", "es", "pt", "se", "no", "dk", "fi", "pl", "cz", "ru", "ua",
            "jp", "cn", "kr", "in", "au", "nz", "ca", "mx", "br", "ar", "za", "ie", "eu", "info", "biz", "me",
            "dev", "app", "ai", "tech", "online", "xyz", "test", "example", "local", "email", "mail", "cloud");
    private static final List<String> KEY_PREFIXES = List.of("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIza",
            "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-",
            "sk_live_", "rk_live_", "sk-", "eyJ");
    private static final List<String> ROT13_LABELS = List.of("ffa", "fbpvny", "gry", "cubar", "zbovyr", "pryy",
            "pneq", "npphag", "xrl", "cnffjbeq", "frperg", "gbxra");
    private static final List<String> REVERSED_LABELS = List.of("nss", "let", "enohp", "elibom", "llec", "drac",
            "tnuocca", "yek", "drowssap", "terces", "nekot");
    private static final int AT = Needles.register("@")[0];
    private static final int DASHES = Needles.register("---")[0];

    private Reversals() {
    }

    /** Whether a reversed view is worth making. */
    static boolean wantsReversed(TextView v) {
        Profile p = v.profile();
        String s = v.text();
        for (int[] run : p.digitRuns) {
            if (reversedNumber(s, run[0], run[1])) {
                return true;
            }
        }
        for (int[] run : p.encodedRuns) {
            int end = run[1];
            while (end > run[0] && s.charAt(end - 1) == '=') {
                end--;
            }
            String tail = new StringBuilder(s.substring(Math.max(run[0], end - 12), end)).reverse().toString();
            if (startsWithKeyPrefix(tail)) {
                return true;
            }
        }
        for (int k = 0; k < p.hitCount; k++) {
            int id = p.hits[2 * k];
            int at = p.hits[2 * k + 1];
            if (id == AT && reversedDomain(s, at)) {
                return true;
            }
            if (id == DASHES && wordAfterDashes(s, at).startsWith("yek")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a ROT13 view is worth making. */
    static boolean wantsRot13(TextView v) {
        Profile p = v.profile();
        String s = v.text();
        for (int[] run : p.encodedRuns) {
            if (startsWithKeyPrefix(rot13(s.substring(run[0], Math.min(run[1], run[0] + 12))))) {
                return true;
            }
        }
        for (int[] run : p.digitRuns) {
            String before = s.substring(Math.max(0, run[0] - 24), run[0]).toLowerCase(Locale.ROOT);
            for (String label : ROT13_LABELS) {
                if (before.contains(label)) {
                    return true;
                }
            }
        }
        for (int k = 0; k < p.hitCount; k++) {
            int id = p.hits[2 * k];
            int at = p.hits[2 * k + 1];
            if (id == AT && rotatedDomain(s, at)) {
                return true;
            }
            if (id == DASHES) {
                String w = wordAfterDashes(s, at);
                if (w.startsWith("ortva") || w.startsWith("raq")) {
                    return true;
                }
            }
        }
        return false;
    }

    static TextView reversed(TextView v) {
        String s = v.text();
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int[] index = new int[n];
        int k = 0;
        for (int i = n; i > 0; ) {
            int cp = s.codePointBefore(i);
            int len = Character.charCount(cp);
            i -= len;
            out.appendCodePoint(cp);
            for (int j = 0; j < len; j++) {
                index[k++] = i + j;
            }
        }
        return v.derive("reversed", out.toString(), index, null, false);
    }

    static TextView rot13(TextView v) {
        String s = v.text();
        int[] index = new int[s.length()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        return v.derive("rot13", rot13(s), index);
    }

    static String rot13(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char x = c[i];
            if (x >= 'a' && x <= 'z') {
                c[i] = (char) ('a' + (x - 'a' + 13) % 26);
            } else if (x >= 'A' && x <= 'Z') {
                c[i] = (char) ('A' + (x - 'A' + 13) % 26);
            }
        }
        return new String(c);
    }

    /**
     * A digit run that only makes sense backwards: grouped 4-2-3 (an SSN) or 4-3-3 (a phone number), a card number
     * whose reverse passes Luhn where it does not, or nine or ten bare digits before a reversed label.
     */
    private static boolean reversedNumber(String s, int start, int end) {
        StringBuilder groups = new StringBuilder();
        int len = 0;
        StringBuilder digits = new StringBuilder();
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                len++;
                digits.append(c);
            } else if (len > 0) {
                groups.append(len).append(',');
                len = 0;
            }
        }
        if (len > 0) {
            groups.append(len).append(',');
        }
        String g = groups.toString();
        String d = digits.toString();
        if (g.equals("4,2,3,")) {
            return true;
        }
        if (g.startsWith("4,3,3,")) {
            // Backwards, a North American number's area code and exchange start with 2 to 9.
            String r = new StringBuilder(d.substring(0, 10)).reverse().toString();
            return r.charAt(0) >= '2' && r.charAt(3) >= '2';
        }
        if (d.length() >= 13 && d.length() <= 19 && !Checks.card(d) && !d.startsWith("978") && !d.startsWith("979")
                && Checks.card(new StringBuilder(d).reverse().toString())) {
            return true;
        }
        if (d.length() == 9 || d.length() == 10) {
            String after = s.substring(end, Math.min(s.length(), end + 24)).toLowerCase(Locale.ROOT);
            for (String label : REVERSED_LABELS) {
                if (after.contains(label)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithKeyPrefix(String s) {
        for (String prefix : KEY_PREFIXES) {
            if (s.startsWith(prefix) || prefix.length() > 3 && s.regionMatches(true, 0, prefix, 0, prefix.length())
                    && prefix.equals(prefix.toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Before '@', a token whose first label is a top-level domain backwards ("moc.elpmaxe"). */
    private static boolean reversedDomain(String s, int at) {
        int k = at;
        while (k > 0 && Character.isLetterOrDigit(s.charAt(k - 1)) || k > 0 && s.charAt(k - 1) == '.'
                || k > 0 && s.charAt(k - 1) == '-') {
            k--;
        }
        String token = s.substring(k, at);
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String first = new StringBuilder(token.substring(0, dot)).reverse().toString().toLowerCase(Locale.ROOT);
        return TLDS.contains(first);
    }

    /** After '@', a domain whose last label is a top-level domain once rotated and not as written. */
    private static boolean rotatedDomain(String s, int at) {
        int k = at + 1;
        while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '.'
                || s.charAt(k) == '-')) {
            k++;
        }
        String domain = s.substring(at + 1, k);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        int dot = domain.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String last = domain.substring(dot + 1).toLowerCase(Locale.ROOT);
        return !TLDS.contains(last) && TLDS.contains(rot13(last));
    }

    /** The letters after a run of dashes and spaces from {@code at}, lower-cased. */
    private static String wordAfterDashes(String s, int at) {
        int k = at;
        while (k < s.length() && (s.charAt(k) == '-' || s.charAt(k) == ' ')) {
            k++;
        }
        int end = k;
        while (end < s.length() && end - k < 8 && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(k, end).toLowerCase(Locale.ROOT);
    }
}
