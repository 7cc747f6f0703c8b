package im.tandem.ice.nat;

import java.util.Optional;

/**
 * What the observations say about the NAT.
 *
 * @param natType the classic type, empty when the observations do not determine it
 * @param reason  why something is unknown or empty; empty when everything was determined
 */
public record Classification(Optional<NatType> natType, MappingBehavior mapping, FilteringBehavior filtering,
                             Optional<String> reason) {
}
