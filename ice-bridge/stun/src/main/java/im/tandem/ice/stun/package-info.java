/**
 * STUN (RFC 5389, RFC 5780, classic RFC 3489) message codec and a Binding-only STUN server.
 *
 * <p>{@link im.tandem.ice.stun.StunCodec} is a strict codec for one message per datagram; its only failure is
 * {@link im.tandem.ice.stun.MalformedStunException}. {@link im.tandem.ice.stun.StunServer} listens on one socket,
 * or on four (two addresses times two ports) for NAT discovery, and is built not to be an amplifier or a
 * reflector: it only ever answers the request's source; RESPONSE-ADDRESS, RESPONSE-PORT and PADDING are refused
 * with error 420; replies are at most {@link im.tandem.ice.stun.BindingResponder#MAX_RESPONSE_BYTES} bytes; and
 * each source IP is rate limited ({@link im.tandem.ice.stun.RateLimit}) with bounded state. Requests without the
 * magic cookie (RFC 3489 clients) get RFC 3489 answers: MAPPED-ADDRESS, SOURCE-ADDRESS, CHANGED-ADDRESS.
 */
package im.tandem.ice.stun;
