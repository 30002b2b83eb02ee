package dev.grok2api.grok.client.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Refuses addresses a client-supplied URL must not reach (server-side request forgery): loopback, unspecified,
 * link-local (which includes the cloud metadata address 169.254.169.254), private (10/8, 172.16/12, 192.168/16),
 * shared CGNAT (100.64/10), benchmarking (198.18/15), multicast, IPv6 unique-local (fc00::/7, which includes AWS's
 * fd00:ec2::254) and site-local. As a {@link Dns} it checks every resolved address of a name, so one private answer
 * among public ones is refused too.
 */
public final class AddressGuard implements Dns {

    /** A refused address; an {@link IOException} so OkHttp fails the call with it. */
    public static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String host, InetAddress address) {
            super(host + " resolves to " + address.getHostAddress() + ", a private or local address");
        }
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
        for (InetAddress address : addresses) {
            check(hostname, address);
        }
        return addresses;
    }

    /**
     * @throws BlockedAddressException when the address is not public
     */
    public static void check(String host, InetAddress address) throws BlockedAddressException {
        if (!isPublic(address)) {
            throw new BlockedAddressException(host, address);
        }
    }

    /** Whether the address is a public unicast address. */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0
                    && !(first == 100 && second >= 64 && second <= 127)
                    && !(first == 198 && (second == 18 || second == 19))
                    && first < 224;
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc;
        }
        return false;
    }
}
