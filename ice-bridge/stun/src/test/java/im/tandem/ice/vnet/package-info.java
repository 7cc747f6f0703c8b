/**
 * A simulated datagram network for unit tests, in the spirit of pion's vnet: the namespace lab in miniature, with
 * no root, no sockets and no threads. {@link im.tandem.ice.vnet.VirtualNetwork} is the public internet,
 * {@link im.tandem.ice.vnet.Nat} a router with RFC 4787 mapping and filtering rules
 * ({@link im.tandem.ice.vnet.NatBehaviour}), {@link im.tandem.ice.vnet.VirtualHost} a machine that production
 * code binds on through {@link im.tandem.ice.net.DatagramNetwork}, and {@link im.tandem.ice.vnet.VirtualClock} the
 * production {@link im.tandem.ice.net.Scheduler} whose time moves only when the test moves it. Every datagram and
 * timer is an event on that clock, so a run is deterministic and a timeout of seconds costs microseconds.
 */
package im.tandem.ice.vnet;
