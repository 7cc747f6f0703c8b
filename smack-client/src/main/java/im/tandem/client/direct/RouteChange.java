package im.tandem.client.direct;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.chat.Route;
import im.tandem.ice.session.PathType;

/**
 * A conversation went direct, fell back to the server, or an attempt to go direct failed (the route then stays
 * {@link Route#SERVER}).
 *
 * @param peer   the contact
 * @param route  the conversation's route from now on
 * @param path   for {@link Route#DIRECT}, the ICE path and how long the session took to set up
 * @param reason why, in words for the user
 */
public record RouteChange(EntityBareJid peer, Route route, Optional<DirectPath> path, String reason) {
    public RouteChange {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        if (path.isPresent() != (route == Route.DIRECT)) {
            throw new IllegalArgumentException("a direct route has a path, the server route none");
        }
    }

    /**
     * The ICE path of a direct session.
     *
     * @param type  host, server-reflexive or relayed
     * @param setup from session-initiate (sent or received) to the encrypted channel being open
     */
    public record DirectPath(PathType type, Duration setup) {
    }
}
