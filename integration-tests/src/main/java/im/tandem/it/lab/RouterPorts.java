package im.tandem.it.lab;

import java.net.InetAddress;

/**
 * What a NAT router's rules refer to.
 *
 * @param wanInterface  the interface towards the internet (the lab's core)
 * @param wanAddress    the router's public address, the one translated traffic leaves from
 * @param clientAddress the one client on the router's LAN
 */
record RouterPorts(String wanInterface, InetAddress wanAddress, InetAddress clientAddress) {
}
