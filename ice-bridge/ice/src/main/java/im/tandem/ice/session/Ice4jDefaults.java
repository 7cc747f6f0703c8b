package im.tandem.ice.session;

import java.time.Duration;
import java.util.List;
import org.ice4j.ice.harvest.HarvestConfig;
import org.jitsi.config.JitsiConfig;

/**
 * The only place that configures ice4j. ice4j 3.x reads its settings through jitsi-metaconfig from a typesafe
 * config that system properties override; we set the properties and reload that config.
 *
 * <p>Safety: by default every new ice4j agent asks the cloud metadata address 169.254.169.254 for a public mapping,
 * and ice4j can be told to ask STUN servers for static mappings. Both send traffic we never want; {@link IceSession}
 * calls {@link #applySafeDefaults()} in its static initialiser, before any agent exists, and the result is verified.
 */
final class Ice4jDefaults {

    /**
     * How often ice4j sends a consent check (RFC 7675) on the selected pair. RFC 7675 suggests 5 s; 2 s lets the
     * default 10 s path timeout see several unanswered checks before it reports the path lost.
     */
    static final Duration CONSENT_CHECK_INTERVAL = Duration.ofSeconds(2);

    private static final String PREFIX = "ice4j.harvest.";
    /** ice4j 2.x names, still read before the new ones: cleared so a stray one cannot override ours. */
    private static final List<String> LEGACY_LISTS = List.of("org.ice4j.ice.harvest.ALLOWED_INTERFACES",
            "org.ice4j.ice.harvest.BLOCKED_INTERFACES", "org.ice4j.ice.harvest.ALLOWED_ADDRESSES",
            "org.ice4j.ice.harvest.BLOCKED_ADDRESSES", "org.ice4j.ice.harvest.STUN_MAPPING_HARVESTER_ADDRESSES",
            "org.ice4j.ice.harvest.NAT_HARVESTER_LOCAL_ADDRESS", "org.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS",
            "org.ice4j.ipv6.DISABLED", "org.ice4j.ice.harvest.DISABLE_LINK_LOCAL_ADDRESSES",
            "org.ice4j.ice.harvest.HARVESTING_TIMEOUT", "org.ice4j.ice.CONSENT_FRESHNESS_INTERVAL");

    private static boolean safeDefaultsApplied;

    private Ice4jDefaults() {
    }

    /** Turns off every external mapping harvester; idempotent. */
    static synchronized void applySafeDefaults() {
        if (safeDefaultsApplied) {
            return;
        }
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("ice4j.harvest.mapping.aws.force", "false");
        System.setProperty("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true");
        System.setProperty("ice4j.harvest.use-link-local-addresses", "false");
        System.setProperty("ice4j.consent-freshness.interval", CONSENT_CHECK_INTERVAL.toMillis() + " ms");
        LEGACY_LISTS.forEach(System::clearProperty);
        reloadAndVerify();
        safeDefaultsApplied = true;
    }

    /**
     * Applies a session's host-candidate policy. ice4j holds it JVM-wide and reads it while an agent gathers, so
     * the caller holds {@link IceSession}'s creation lock from here until its candidates are gathered.
     */
    static synchronized void applyHostPolicy(IceConfig config) {
        applySafeDefaults();
        System.setProperty(PREFIX + "use-ipv6", Boolean.toString(config.useIpv6()));
        System.setProperty(PREFIX + "timeout", config.gatherTimeout().toMillis() + " ms");
        setList("allowed-interfaces", config.allowedInterfaces());
        setList("blocked-interfaces", config.blockedInterfaces());
        setList("allowed-addresses", config.allowedAddresses());
        setList("blocked-addresses", config.blockedAddresses());
        reloadAndVerify();
        HarvestConfig harvest = HarvestConfig.config;
        if (!harvest.getAllowedInterfaces().equals(config.allowedInterfaces())
                || !harvest.getBlockedAddresses().equals(config.blockedAddresses())
                || harvest.useIpv6() != config.useIpv6()) {
            throw new IllegalStateException("ice4j did not take the host candidate policy (allowedInterfaces="
                    + harvest.getAllowedInterfaces() + ", useIpv6=" + harvest.useIpv6() + ")");
        }
    }

    /** Typesafe config reads a list from a system property only as numbered keys: name.0, name.1, … */
    private static void setList(String name, List<String> values) {
        String key = PREFIX + name + ".";
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith(key))
                .forEach(System::clearProperty);
        for (int i = 0; i < values.size(); i++) {
            System.setProperty(key + i, values.get(i));
        }
    }

    private static void reloadAndVerify() {
        JitsiConfig.Companion.reloadNewConfig();
        HarvestConfig harvest = HarvestConfig.config;
        if (harvest.enableAwsHarvester()) {
            throw new IllegalStateException("ice4j.harvest.mapping.aws.enabled is still true: an application.conf "
                    + "overrides it; remove it there, ice4j must never ask 169.254.169.254");
        }
        if (!harvest.getStunMappingCandidateHarvesterAddresses().isEmpty()) {
            throw new IllegalStateException("ice4j.harvest.mapping.stun.addresses is set ("
                    + harvest.getStunMappingCandidateHarvesterAddresses() + "); remove it: STUN servers are given "
                    + "per session in IceConfig.stunServers");
        }
        if (!harvest.getStaticMappings().isEmpty()) {
            throw new IllegalStateException("ice4j.harvest.mapping.static-mappings is set; remove it");
        }
    }
}
