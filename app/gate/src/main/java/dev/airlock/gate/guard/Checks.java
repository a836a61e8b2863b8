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

    static String lastFour(String s) {
        String d = digits(s);
        return d.length() <= 4 ? d : d.substring(d.length() - 4);
    }

    /** A labelled bare number: ten digits, or eleven or twelve with a country code written with '+' or a 1. */
    static boolean labelledPhone(String s) {
        String d = digits(s);
        return phone(s) && (d.length() == 10 || s.startsWith("+") || d.length() == 11 && d.charAt(0) == '1');
    }

    private static final Pattern WORD_AT =
            Pattern.compile("\\s+at\\s+|\\s*[\\[({<]\\s*at\\s*[\\])}>]\\s*|\\s*@\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD_DOT =
            Pattern.compile("\\s+dot\\s+|\\s*[\\[({<]\\s*dot\\s*[\\])}>]\\s*", Pattern.CASE_INSENSITIVE);
    /** Words that come before "at" in prose ("meet me at", "look at") and so do not start an address. */
    private static final java.util.Set<String> NOT_A_MAILBOX = java.util.Set.copyOf(java.util.List.of("me", "us", "you", "him", "her",
            "them", "it", "we", "i", "they", "he", "she", "look", "looking", "looked", "looks", "meet", "meeting",
            "met", "see", "seen", "stay", "staying", "stayed", "be", "is", "are", "was", "were", "am", "been",
            "arrive", "arrived", "arriving", "here", "there", "available", "online", "find", "found", "visit",
            "visiting", "check", "work", "works", "worked", "working", "live", "lives", "lived", "based", "located",
            "and", "or", "but", "the", "a", "an", "go", "going", "aimed", "aim", "point", "pointed", "pointing",
            "stare", "stared", "staring", "laugh", "laughed", "good", "great", "bad", "best", "better", "eat",
            "eating", "sale", "hosted", "published", "posted", "shop", "buy", "sold", "home", "sit", "sat",
            "sitting", "stand", "standing", "stood", "born", "died", "play", "playing", "played", "glance",
            "glanced", "smile", "smiled", "not", "only", "even", "just", "also", "hit", "shot", "started", "ended",
            "starts", "ends", "start", "end", "site", "page", "website", "web", "online", "store", "open", "opens", "closed", "closes", "job", "jobs", "intern",
            "interned", "engineer", "student", "studied", "study", "learned", "taught", "teaches", "write", "wrote",
            "writes", "reach", "reached", "contact", "email", "mail", "call", "text", "ping", "message", "dot"));
    /** Words that follow "at" in prose ("at the", "at five") and so do not start a domain. */
    private static final java.util.Set<String> NOT_A_DOMAIN = java.util.Set.of("the", "a", "an", "this", "that",
            "my", "your", "his", "her", "our", "their", "its", "home", "work", "noon", "night", "least", "last",
            "first", "once", "all", "some", "any", "school", "office", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "midnight", "dawn", "dusk", "lunch", "dinner");

    /**
     * An address spelled with "at"/"dot" words or brackets that reads as one: a known top-level domain, and neither
     * its mailbox nor its domain a word prose puts around "at". Plain addresses are the plain rule's.
     */
    static boolean wordEmail(String m) {
        Matcher at = WORD_AT.matcher(m);
        if (!at.find()) {
            return false;
        }
        String local = m.substring(0, at.start());
        String domain = m.substring(at.end());
        if (at.group().strip().equals("@") && !WORD_DOT.matcher(m).find() && at.group().length() == 1) {
            return false;
        }
        // "the archive desk at exfil.example.com" is prose about a host: with "at" as a word and real dots only,
        // the mailbox must look like one (a dot, digit, '_', '+' or '-' in it).
        if (at.group().strip().equalsIgnoreCase("at") && !WORD_DOT.matcher(m).find()
                && !local.matches(".*[0-9._+-].*")) {
            return false;
        }
        String[] localLabels = WORD_DOT.matcher(local).replaceAll(".").toLowerCase(Locale.ROOT).split("\\.");
        String[] domainLabels = WORD_DOT.matcher(domain).replaceAll(".").toLowerCase(Locale.ROOT).split("\\.");
        if (localLabels.length == 0 || domainLabels.length < 2) {
            return false;
        }
        String tld = domainLabels[domainLabels.length - 1];
        return Reversals.TLDS.contains(tld) && !NOT_A_MAILBOX.contains(localLabels[localLabels.length - 1])
                && !NOT_A_MAILBOX.contains(localLabels[0]) && !NOT_A_DOMAIN.contains(domainLabels[0]);
    }

    /** The address a word-spelled one stands for, so its hash token is the address's. */
    static String wordEmailAddress(String m) {
        String address = WORD_DOT.matcher(WORD_AT.matcher(m).replaceFirst("@")).replaceAll(".");
        return address.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    static String maskWordEmail(String m) {
        String address = wordEmailAddress(m);
        return address.charAt(0) + "***" + address.substring(address.indexOf('@'));
    }

    /**
     * A loosely written AWS key id: its sixteen characters after the prefix in one case as written, with a digit
     * among them unless written in one piece (as real ids nearly always have), so prose such as "ASIA-PACIFIC-..."
     * is not one.
     */
    static boolean looseAwsKey(String m) {
        StringBuilder alnum = new StringBuilder();
        boolean separated = false;
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '|' || c == '!') {
                alnum.append(c);
            } else {
                separated = true;
            }
        }
        if (alnum.length() != 20) {
            return false;
        }
        String prefix = alnum.substring(0, 4);
        String body = alnum.substring(4);
        // Two letters of the prefix as written at least, and not all hex: "41d4-a716-..." is a UUID's.
        if (prefix.chars().filter(Character::isLetter).count() < 2 || alnum.toString().matches("[0-9a-fA-F]+")) {
            return false;
        }
        boolean upper = body.chars().anyMatch(Character::isUpperCase);
        boolean lower = body.chars().anyMatch(Character::isLowerCase);
        boolean digit = body.chars().anyMatch(Character::isDigit);
        return !(upper && lower) && (digit || !separated);
    }

    /**
     * Base64 whose first bytes are a private key's DER: a SEQUENCE holding version 0 then an INTEGER (PKCS#1 RSA,
     * DSA) or an AlgorithmIdentifier (PKCS#8), version 1 then an OCTET STRING (SEC 1 EC), or PBES2 parameters
     * (encrypted PKCS#8); or an OpenSSH private key. A certificate or a public key starts otherwise.
     */
    static boolean privateKeyBody(String m) {
        String b64 = m.replaceAll("[^A-Za-z0-9+/]", "");
        if (b64.startsWith("b3BlbnNzaC1rZXktdjE")) {
            return true;
        }
        if (b64.length() < 16) {
            return false;
        }
        byte[] b;
        try {
            b = java.util.Base64.getDecoder().decode(b64.substring(0, Math.min(b64.length(), 32) / 4 * 4));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (b.length < 10 || (b[0] & 0xFF) != 0x30) {
            return false;
        }
        int len = b[1] & 0xFF;
        int o = len < 0x80 ? 2 : len == 0x81 ? 3 : len == 0x82 ? 4 : len == 0x83 ? 5 : -1;
        if (o < 0 || o + 4 > b.length) {
            return false;
        }
        boolean version0 = b[o] == 0x02 && b[o + 1] == 0x01 && b[o + 2] == 0x00;
        boolean version1 = b[o] == 0x02 && b[o + 1] == 0x01 && b[o + 2] == 0x01;
        if (version0 && (b[o + 3] == 0x02 || b[o + 3] == 0x30)) {
            return true;
        }
        if (version1 && b[o + 3] == 0x04) {
            return true;
        }
        // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID 1.2.840.113549.1.5.13 (PBES2) or 1.2.840.113549.1.12... } }
        String hex = java.util.HexFormat.of().formatHex(b);
        return (b[o] & 0xFF) == 0x30 && (hex.contains("06092a864886f70d01050d") || hex.contains("060a2a864886f70d010c"));
    }
}
