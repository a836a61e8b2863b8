package dev.airlock.gate.guard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one text into the views detectors read: the raw text; a canonical form (compatibility decomposition,
 * accents, zero-width and bidi controls removed, Cyrillic/Greek look-alikes folded to Latin, any script's digits
 * to ASCII); a collapsed form (spacing between single characters and inside digit groups removed); a leet-folded
 * form; and the decoded content of embedded base64, hex and URL-encoding (a '+' read as a space too once the text
 * holds a query parameter, as the receiving server reads it), recursively to a small depth.
 * Each view is produced only when it differs from what it was made from, so plain ASCII prose costs one view.
 */
public final class Normalizer {

    static final int MAX_DECODE_DEPTH = 2;
    private static final Pattern HEX_ESCAPES = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2}){8,}");
    /** Eight or more hex bytes, each alone, with an optional "0x" or "\\x" and one separator between them. */
    private static final Pattern SEPARATED_HEX = Pattern.compile(
            "(?<![0-9a-zA-Z])(?:(?:0[xX]|\\\\x)?[0-9a-fA-F]{2}(?:, ?|[ :-])){7,}(?:0[xX]|\\\\x)?[0-9a-fA-F]{2}"
                    + "(?![0-9a-zA-Z])");
    private static final Pattern HEX_PREFIX = Pattern.compile("0[xX]|\\\\x");
    private static final Pattern PERCENT = Pattern.compile("%[0-9a-fA-F]{2}");
    /** A query parameter whose value holds a '+', which a server reads as a space (form encoding). */
    private static final Pattern FORM_SPACE = Pattern.compile("[?&][^\\s?&#=]*=[^\\s&#\"]*\\+");

    private static final Map<Character, Character> HOMOGLYPHS = homoglyphs();
    private static final char[] LEET = leetTable();

    private Normalizer() {
    }

    /** Every view of {@code raw}, the raw text first. */
    public static List<TextView> views(String raw) {
        return views(raw, Needles.NONE);
    }

    /** Every view of {@code raw}, whose profiles look for {@code needles}. */
    static List<TextView> views(String raw, Needles needles) {
        List<TextView> out = new ArrayList<>(4);
        addViews(TextView.raw(raw, needles), out);
        return out;
    }

    private static void addViews(TextView start, List<TextView> out) {
        out.add(start);
        TextView base = start;
        TextView canonical = start.profile().nonAscii ? canonical(start) : null;
        if (canonical != null) {
            out.add(canonical);
            base = canonical;
        }
        TextView collapsed = base.profile().collapsible ? collapsed(base) : null;
        if (collapsed != null) {
            out.add(collapsed);
        }
        TextView beforeLeet = collapsed != null ? collapsed : base;
        TextView leet = beforeLeet.profile().leetable ? leet(beforeLeet) : null;
        if (leet != null) {
            out.add(leet);
        }
        // On the text before collapsing too: collapsing can glue a word to a number ("6193 - let" to "6193-let").
        TextView lookalikes = DigitLookalikes.view(base);
        if (lookalikes != null) {
            out.add(lookalikes);
        }
        TextView collapsedLookalikes = collapsed != null ? DigitLookalikes.view(collapsed) : null;
        if (collapsedLookalikes != null) {
            out.add(collapsedLookalikes);
        }
        TextView spelled = base.profile().mayHoldNumberWords() ? SpelledDigits.view(base) : null;
        if (spelled != null) {
            out.add(spelled);
            TextView spelledLookalikes = DigitLookalikes.view(spelled);
            if (spelledLookalikes != null) {
                out.add(spelledLookalikes);
            }
        }
        if (start.transformed()) {
            return;
        }
        if (start.depth() < MAX_DECODE_DEPTH) {
            for (TextView decoded : decoded(base)) {
                addViews(decoded, out);
            }
        }
        if (Reversals.wantsReversed(base)) {
            addViews(Reversals.reversed(base), out);
        }
        if (Reversals.wantsRot13(base)) {
            addViews(Reversals.rot13(base), out);
        }
    }

    static TextView canonical(TextView v) {
        String s = v.text();
        StringBuilder out = new StringBuilder(s.length());
        int[] index = new int[s.length() * 2 + 8];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            String folded = foldCodePoint(cp);
            for (int k = 0; k < folded.length(); k++) {
                if (n == index.length) {
                    index = java.util.Arrays.copyOf(index, index.length * 2);
                }
                out.append(folded.charAt(k));
                index[n++] = i;
            }
            i += len;
        }
        String text = out.toString();
        return text.equals(s) ? null : v.derive("canonical", text, java.util.Arrays.copyOf(index, n));
    }

    /** One code point folded: dropped when invisible, decomposed, stripped of marks, look-alikes mapped. */
    static String foldCodePoint(int cp) {
        if (cp < 0x7F && cp >= 0x20) {
            return Character.toString(cp);
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || (type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')) {
            return "";
        }
        if (Character.isDigit(cp)) {
            return String.valueOf((char) ('0' + Character.digit(cp, 10)));
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return " ";
        }
        String d = java.text.Normalizer.normalize(Character.toString(cp), Form.NFKD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            Character h = HOMOGLYPHS.get(c);
            b.append(h != null ? h : c);
        }
        return b.toString();
    }

    /**
     * Removes spacing used to hide a token: whitespace between single-character tokens ("4 1 1 - 2 2"), between a
     * lone digit and a digit group, and all but the first of a run of whitespace.
     */
    static TextView collapsed(TextView v) {
        String s = v.text();
        int len = s.length();
        StringBuilder out = new StringBuilder(len);
        int[] index = new int[len];
        int n = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)
                    && ((n > 0 && Character.isWhitespace(out.charAt(n - 1))) || Profile.removableSpace(s, i))) {
                continue;
            }
            out.append(c);
            index[n++] = i;
        }
        String text = out.toString();
        return text.equals(s) ? null : v.derive("collapse", text, java.util.Arrays.copyOf(index, n));
    }

    /** Folds leet substitutions, but only where a letter is next to them so numbers stay numbers. */
    static TextView leet(TextView v) {
        String s = v.text();
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = c < LEET.length ? LEET[c] : 0;
            if (f != 0 && (Profile.letter(s, i - 1) || Profile.letter(s, i + 1))) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = f;
            }
        }
        if (chars == null) {
            return null;
        }
        int[] index = new int[s.length()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        return v.derive("leet", new String(chars), index);
    }

    static List<TextView> decoded(TextView v) {
        String s = v.text();
        Profile p = v.profile();
        List<TextView> out = new ArrayList<>(0);
        if (p.percent || s.indexOf('+') >= 0) {
            TextView url = urlDecoded(v);
            if (url != null) {
                out.add(url);
            }
        }
        for (int[] run : p.encodedRuns) {
            int end = run[1];
            while (s.charAt(end - 1) == '=') {
                end--;
            }
            int start = run[0];
            boolean prefixed = end - start > 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x'
                    && allHex(s, start + 2, end);
            if (prefixed) {
                start += 2;
            }
            // An even run of hex digits is hex before it is base64: read as base64 it is rarely text anyway.
            String text = (run[2] == 1 || prefixed) && (end - start) % 2 == 0
                    ? printable(HexFormat.of().parseHex(s, start, end)) : null;
            if (text != null) {
                out.add(v.decoded("hex", text, run[0], end));
                continue;
            }
            text = printable(decodeBase64(s.substring(run[0], run[1])));
            if (text != null) {
                out.add(v.decoded("base64", text, run[0], run[1]));
            }
        }
        if (!p.mixedSpots.isEmpty() || !p.digitRuns.isEmpty()) {
            separatedHex(v, out);
        }
        if (p.hexEscape) {
            Matcher h = HEX_ESCAPES.matcher(s);
            while (h.find()) {
                String text = printable(HexFormat.of().parseHex(h.group().replace("\\x", "")));
                if (text != null) {
                    out.add(v.decoded("hex", text, h.start(), h.end()));
                }
            }
        }
        return out;
    }

    /**
     * Hex written a byte at a time ("41 4b 49 41", "0x41,0x4b", "41:4b:49"): looked for only in the stretches of
     * hex digits and separators around the digit runs and digits-touching-letters the profile found.
     */
    private static void separatedHex(TextView v, List<TextView> out) {
        String s = v.text();
        Profile p = v.profile();
        int done = 0;
        List<Integer> anchors = new ArrayList<>(p.mixedSpots);
        for (int[] run : p.digitRuns) {
            anchors.add(run[0]);
        }
        anchors.sort(null);
        for (int anchor : anchors) {
            if (anchor < done) {
                continue;
            }
            int start = anchor;
            while (start > 0 && hexStretch(s.charAt(start - 1))) {
                start--;
            }
            int end = anchor;
            while (end < s.length() && hexStretch(s.charAt(end))) {
                end++;
            }
            done = end;
            if (end - start < 23) {
                continue;
            }
            Matcher m = SEPARATED_HEX.matcher(s).region(start, end);
            while (m.find()) {
                String hex = HEX_PREFIX.matcher(m.group()).replaceAll("").replaceAll("[^0-9a-fA-F]", "");
                String text = printable(HexFormat.of().parseHex(hex));
                if (text != null) {
                    out.add(v.decoded("hex", text, m.start(), m.end()));
                }
            }
        }
    }

    private static boolean hexStretch(char c) {
        return isHex(c) || c == ' ' || c == ':' || c == ',' || c == '-' || c == 'x' || c == 'X' || c == '\\';
    }

    private static boolean allHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isHex(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static TextView urlDecoded(TextView v) {
        String s = v.text();
        boolean form = FORM_SPACE.matcher(s).find();
        if (!form && !PERCENT.matcher(s).find()) {
            return null;
        }
        byte[] bytes = new byte[s.length() * 3];
        int[] byteOrigin = new int[bytes.length];
        int[] byteEnd = new int[bytes.length];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1))
                    && isHex(s.charAt(i + 2))) {
                bytes[n] = (byte) Integer.parseInt(s, i + 1, i + 3, 16);
                byteEnd[n] = i + 3;
                byteOrigin[n++] = i;
                i += 3;
            } else if (c == '+' && form) {
                bytes[n] = ' ';
                byteEnd[n] = i + 1;
                byteOrigin[n++] = i++;
            } else {
                int width = Character.isHighSurrogate(c) && i + 1 < s.length() ? 2 : 1;
                byte[] enc = s.substring(i, i + width).getBytes(StandardCharsets.UTF_8);
                for (byte b : enc) {
                    bytes[n] = b;
                    byteEnd[n] = i + width;
                    byteOrigin[n++] = i;
                }
                i += width;
            }
        }
        String text = utf8(bytes, n);
        if (text == null) {
            return null;
        }
        // Each decoded char spans from the first byte it was decoded from to the end of its last one ("%34" whole).
        int[] index = new int[text.length()];
        int[] ends = new int[text.length()];
        int b = 0;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            int first = Math.min(b, n - 1);
            b += utf8Length(cp);
            int last = Math.min(b - 1, n - 1);
            index[i] = byteOrigin[first];
            ends[i] = byteEnd[last];
            if (Character.charCount(cp) == 2) {
                index[++i] = byteOrigin[first];
                ends[i] = byteEnd[last];
            }
        }
        return v.derive("url", text, index, ends, true);
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static byte[] decodeBase64(String run) {
        String body = run;
        int pad = (4 - body.replace("=", "").length() % 4) % 4;
        String unpadded = body.replace("=", "");
        if (pad == 3) {
            return null;
        }
        try {
            if (unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0) {
                return Base64.getUrlDecoder().decode(unpadded);
            }
            return Base64.getDecoder().decode(unpadded + "=".repeat(pad));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes as text if they are valid UTF-8 and mostly printable; otherwise they were not an encoding. */
    static String printable(byte[] bytes) {
        if (bytes == null || bytes.length < 4) {
            return null;
        }
        String text = utf8(bytes, bytes.length);
        if (text == null) {
            return null;
        }
        int printable = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7F || c == '\n' || c == '\r' || c == '\t') {
                printable++;
            }
        }
        return printable * 100 >= text.length() * 95 ? text : null;
    }

    static String utf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static char[] leetTable() {
        char[] t = new char[128];
        String from = "013457@$!|";
        String to = "oieastasil";
        for (int i = 0; i < from.length(); i++) {
            t[from.charAt(i)] = to.charAt(i);
        }
        return t;
    }

    private static Map<Character, Character> homoglyphs() {
        // Letters that look Latin, and the dashes and minus signs that look like '-' (so "411–22–3333" reads as an
        // SSN in the canonical view).
        // Cyrillic Ze and be stand for the digits they look like ("41З-22-...").
        String from = "АВЕКМНОРСТХУЅІЈаеорсухѕіјԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοαιρυνκτЗзб\u2010\u2011\u2012\u2013\u2014"
                + "\u2015\u2212\ufe58\ufe63";
        String to = "ABEKMHOPCTXYSIJaeopcyxsijdhqwABEZHIKMNOPTYXoaipuvkt336---------";
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i < from.length(); i++) {
            map.put(from.charAt(i), to.charAt(i));
        }
        return Map.copyOf(map);
    }
}
