package dev.airlock.plugins.tools;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Names what is special about an address an agent must not reach by default: the host itself, the cloud
 * metadata service, private networks. Public addresses have no class.
 */
final class AddressClass {

    private record Named(AddressRange range, String name) {
    }

    private static final List<Named> SPECIAL = List.of(
            named("169.254.169.254/32", "the cloud metadata address"),
            named("fd00:ec2::254/128", "the cloud metadata address"),
            named("0.0.0.0/8", "a 'this host' address"),
            named("127.0.0.0/8", "a loopback address"),
            named("10.0.0.0/8", "a private address"),
            named("172.16.0.0/12", "a private address"),
            named("192.168.0.0/16", "a private address"),
            named("100.64.0.0/10", "a carrier-grade NAT address"),
            named("169.254.0.0/16", "a link-local address"),
            named("224.0.0.0/4", "a multicast address"),
            named("240.0.0.0/4", "a reserved address"),
            named("::/128", "the unspecified address"),
            named("::1/128", "a loopback address"),
            named("fc00::/7", "a private (unique local) address"),
            named("fe80::/10", "a link-local address"),
            named("ff00::/8", "a multicast address"));

    private AddressClass() {
    }

    private static Named named(String range, String name) {
        return new Named(AddressRange.parse(range).orElseThrow(), name);
    }

    /** Empty for a public address. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. */
    static Optional<String> of(InetAddress address) {
        InetAddress a = unmapped(address);
        for (Named n : SPECIAL) {
            if (n.range().contains(a)) {
                return Optional.of(n.name());
            }
        }
        return Optional.empty();
    }

    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException("four bytes are always an IPv4 address", e);
                }
            }
        }
        return address;
    }
}
