package im.tandem.openfire.extdisco;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which external services a user is told about, with fresh TURN credentials for that user. Knows nothing of
 * XMPP; the IQ handler decides who may ask.
 */
public final class ServiceDirectory {
    private final Clock clock;
    private final Supplier<Optional<InetSocketAddress>> hostedStun;

    /**
     * @param hostedStun the plugin's own STUN server, advertised when no other STUN service is configured
     */
    public ServiceDirectory(Clock clock, Supplier<Optional<InetSocketAddress>> hostedStun) {
        this.clock = clock;
        this.hostedStun = hostedStun;
    }

    /** Every configured service of the given type, or of every type when {@code type} is empty. */
    public List<AdvertisedService> services(RendezvousSettings settings, String user, Optional<String> type) {
        List<AdvertisedService> services = new ArrayList<>();
        settings.stun().or(hostedStun).ifPresent(stun -> services.add(new AdvertisedService(AdvertisedService.STUN,
                stun.getHostString(), stun.getPort(), "udp", Optional.empty())));
        settings.turn().ifPresent(turn -> services.add(new AdvertisedService(AdvertisedService.TURN,
                turn.address().getHostString(), turn.address().getPort(), turn.transport(), Optional.of(
                        TurnCredentials.issue(user, turn.secret(), clock.instant(), turn.lifetime())))));
        services.removeIf(service -> type.isPresent() && !type.get().equals(service.type()));
        return services;
    }

    /** The service of that type on that host, as XEP-0215's credentials request names it. */
    public Optional<AdvertisedService> service(RendezvousSettings settings, String user, String type, String host) {
        return services(settings, user, Optional.of(type)).stream()
                .filter(service -> service.host().equals(host)).findFirst();
    }
}
