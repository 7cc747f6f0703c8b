package im.tandem.ice.stun;

/**
 * A point-in-time copy of the server's counters (for an admin page or a log line).
 *
 * @param requests    datagrams received on any socket
 * @param answered    responses sent (success or error)
 * @param malformed   datagrams dropped because they were not a well-formed STUN Binding request
 * @param rateLimited datagrams dropped because their source IP exceeded its rate limit
 */
public record StunServerStatistics(long requests, long answered, long malformed, long rateLimited) {
}
