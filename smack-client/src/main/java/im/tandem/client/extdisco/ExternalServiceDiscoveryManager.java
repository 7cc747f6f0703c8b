package im.tandem.client.extdisco;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.jivesoftware.smack.Manager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;

/**
 * Asks the user's server which STUN and TURN services to use (XEP-0215). One manager per connection.
 */
public final class ExternalServiceDiscoveryManager extends Manager {
    private static final Map<XMPPConnection, ExternalServiceDiscoveryManager> INSTANCES = new WeakHashMap<>();

    static {
        ProviderManager.addIQProvider(ExternalServicesIQ.ELEMENT, ExternalServicesIQ.NAMESPACE,
                new ExternalServicesProvider());
    }

    private ExternalServiceDiscoveryManager(XMPPConnection connection) {
        super(connection);
    }

    public static synchronized ExternalServiceDiscoveryManager getInstanceFor(XMPPConnection connection) {
        return INSTANCES.computeIfAbsent(connection, ExternalServiceDiscoveryManager::new);
    }

    /** Whether the server advertises XEP-0215 in its disco#info. */
    public boolean isSupported() throws XMPPException.XMPPErrorException, SmackException.NotConnectedException,
            SmackException.NoResponseException, InterruptedException {
        return ServiceDiscoveryManager.getInstanceFor(connection())
                .serverSupportsFeature(ExternalServicesIQ.NAMESPACE);
    }

    /** Every service the server offers this user, TURN ones with fresh credentials. */
    public List<ExternalService> services() throws XMPPException.XMPPErrorException,
            SmackException.NotConnectedException, SmackException.NoResponseException, InterruptedException {
        ExternalServicesIQ request = new ExternalServicesIQ();
        request.setTo(connection().getXMPPServiceDomain());
        ExternalServicesIQ answer = connection().sendIqRequestAndWaitForResponse(request);
        return answer.services();
    }
}
