/**
 * Networking shared by the STUN server, NAT discovery and the command lines: {@link im.tandem.ice.net.HostPort}
 * parses addresses; {@link im.tandem.ice.net.DatagramNetwork} and {@link im.tandem.ice.net.Scheduler} are the seams
 * through which protocol code binds datagram endpoints and keeps time, real by default
 * ({@link im.tandem.ice.net.UdpNetwork#SYSTEM}, {@link im.tandem.ice.net.ExecutorScheduler}) and simulated in the
 * tests, where a manual clock drives a whole network of NATs on one thread.
 */
package im.tandem.ice.net;
