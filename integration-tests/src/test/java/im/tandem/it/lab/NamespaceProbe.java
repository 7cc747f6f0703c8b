package im.tandem.it.lab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Run by tests inside a lab namespace: prints the IPv4 addresses this JVM sees, one per line. */
public final class NamespaceProbe {

    private NamespaceProbe() {
    }

    public static void main(String[] args) throws SocketException {
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    System.out.println(address.getHostAddress());
                }
            }
        }
    }
}
