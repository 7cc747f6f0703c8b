package im.tandem.client.connect;

import java.io.IOException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.EntityBareJid;

/**
 * Creates an account with XEP-0077 in-band registration, on a connected but not yet authenticated connection, and
 * says in the user's words why the server refused.
 */
public final class AccountRegistration {
    private AccountRegistration() {
    }

    /**
     * @throws IOException saying why the account was not created: the server does not register in-band, the account
     *                     exists, or the server refused with its own reason
     */
    public static void register(XMPPConnection connection, EntityBareJid jid, String password)
            throws IOException, InterruptedException, SmackException.NoResponseException,
            SmackException.NotConnectedException {
        AccountManager accounts = AccountManager.getInstance(connection);
        // The user chose the plain connection (towards this machine, or with --no-tls) and with it what it exposes.
        accounts.sensitiveOperationOverInsecureConnection(!connection.isSecureConnection());
        try {
            if (!accounts.supportsAccountCreation()) {
                throw new IOException(refusedByServer(connection));
            }
            accounts.createAccount(jid.getLocalpart(), password);
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            throw new IOException(switch (condition) {
                case conflict -> "the account " + jid + " already exists; log in without --register";
                case not_allowed, forbidden, feature_not_implemented, service_unavailable -> refusedByServer(connection);
                case not_acceptable, bad_request -> "the server did not accept the account " + jid + ": "
                        + describe(e.getStanzaError());
                default -> "the server refused to create " + jid + ": " + describe(e.getStanzaError());
            }, e);
        }
    }

    private static String refusedByServer(XMPPConnection connection) {
        return "the server " + connection.getXMPPServiceDomain() + " does not allow creating accounts from a client"
                + " (XEP-0077 in-band registration); ask its admin for an account";
    }

    private static String describe(StanzaError error) {
        String text = error.getDescriptiveText();
        return error.getCondition() + (text != null ? " (" + text + ")" : "");
    }
}
