package im.tandem.openfire.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import im.tandem.ice.stun.StunServerStatistics;
import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.notify.DeliveryChannel;

/**
 * Everything the admin page shows, gathered at one moment: plain values, so that the page can be rendered and
 * tested without a server.
 *
 * @param queue          deliveries per channel and state
 * @param recentFailures the latest deliveries that gave up, with their reasons
 * @param stun           the hosted STUN server's counters, when it runs on this node
 * @param settings       the plugin's system properties that are set, secrets masked, sorted by name
 * @param serverWarning  a known vulnerability of the Openfire the plugin runs on, when it has one
 */
record AdminOverview(Map<DeliveryChannel, Map<DeliveryState, Long>> queue, List<Delivery> recentFailures,
                     Optional<StunServerStatistics> stun, Map<String, String> settings,
                     Optional<String> serverWarning) {
}
