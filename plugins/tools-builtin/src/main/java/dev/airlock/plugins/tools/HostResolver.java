package dev.airlock.plugins.tools;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution as a seam, so that tests decide what a name resolves to without touching real DNS. */
@FunctionalInterface
interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
