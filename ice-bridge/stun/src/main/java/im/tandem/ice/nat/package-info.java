/**
 * NAT-type discovery: {@link im.tandem.ice.nat.NatDiscovery} runs the RFC 3489 and RFC 5780 tests in parallel
 * against one STUN server, {@link im.tandem.ice.nat.NatClassifier} turns what it saw into the classic type plus
 * mapping and filtering behaviour, and {@link im.tandem.ice.nat.NatDiscoveryResult} carries the answer (with
 * {@code toJson()}). Works with RFC 3489 servers (CHANGED-ADDRESS, e.g. Debian's stund) and RFC 5780 servers
 * (OTHER-ADDRESS, e.g. coturn); a single-address server yields the mapping only, with a reason.
 */
package im.tandem.ice.nat;
