package im.tandem.openfire.delivery;

/**
 * A delivery this worker holds until the lease ends. The token is unique per claim, so that a worker whose
 * lease ran out (and whose delivery another worker took over) cannot finish it a second time.
 */
public record Claim(Delivery delivery, String token) {
}
