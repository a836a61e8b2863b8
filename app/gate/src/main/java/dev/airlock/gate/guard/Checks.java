package dev.airlock.gate.guard;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checksums and context checks that tell real identifiers from numbers that merely look like them. */
final class Checks {

    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
            Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GR", 27),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
            Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
            Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("TR", 26), Map.entry("SA", 24), Map.entry("AE", 23), Map.entry("IL", 23), Map.entry("BR", 29));

    private Checks() {
    }

    static String digits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String alnumUpper(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    static boolean luhn(String number) {
        String d = digits(number);
        if (d.length() < 13 || d.length() > 19 || d.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int x = d.charAt(i) - '0';
            if (dbl) {
                x *= 2;
                if (x > 9) {
                    x -= 9;
                }
            }
            sum += x;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** A plausible card: Luhn-valid and starting like a card network's numbers. */
    static boolean card(String number) {
        String d = digits(number);
        if (!luhn(d)) {
            return false;
        }
        return d.startsWith("4") || d.matches("^(5[1-5]|2[2-7]|3[47]|6011|65|64[4-9]|35|30[0-5]|36|38).*");
    }

    static boolean ssn(String s) {
        String d = digits(s);
        if (d.length() != 9) {
            return false;
        }
        String area = d.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !d.substring(3, 5).equals("00") && !d.substring(5).equals("0000");
    }

    static boolean iban(String s) {
        String iban = alnumUpper(s);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
        if (expected != null && expected != iban.length()) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    static boolean phone(String s) {
        String d = digits(s);
        return d.length() >= 10 && d.length() <= 15 && d.chars().distinct().count() > 2;
    }

    /** Mixed letters and digits with some variety: a key, not a word or a repeated filler. */
    static boolean highEntropy(String s) {
        long distinct = s.chars().distinct().count();
        boolean digit = s.chars().anyMatch(Character::isDigit);
        boolean letter = s.chars().anyMatch(Character::isLetter);
        return distinct >= 10 && digit && letter;
    }

    private static final Pattern SPELLED_AT =
            Pattern.compile("\\s*[\\[(]\\s*at\\s*[\\])]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPELLED_DOT =
            Pattern.compile("\\s*[\\[(]\\s*dot\\s*[\\])]\\s*", Pattern.CASE_INSENSITIVE);

    /** "john.doe [at] example [dot] com" as the address it spells, so its hash token is the address's. */
    static String spelledEmail(String m) {
        String address = SPELLED_DOT.matcher(SPELLED_AT.matcher(m).replaceFirst("@")).replaceAll(".");
        return address.replaceAll("\\s*\\.\\s*", ".").toLowerCase(Locale.ROOT);
    }

    /** The partial mask of a spelled-out address: its first character and its domain, as written. */
    static String maskSpelledEmail(String m) {
        Matcher at = SPELLED_AT.matcher(m);
        return at.find() ? m.charAt(0) + "***" + m.substring(at.start()) : "[REDACTED:email]";
    }

    static String lastFour(String s) {
        String d = digits(s);
        return d.length() <= 4 ? d : d.substring(d.length() - 4);
    }
}
