package dev.airlock.plugins.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 prefix such as {@code 127.0.0.0/8}; a bare address is a prefix of full length. */
record AddressRange(byte[] network, int prefix) {

    /** Parses without DNS: only literal addresses are ranges. */
    static Optional<AddressRange> parse(String text) {
        String[] parts = text.split("/", 2);
        if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new AddressRange(address, prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress candidate) {
        byte[] a = candidate.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
